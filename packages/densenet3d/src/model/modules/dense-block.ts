import * as tf from '@tensorflow/tfjs-core';
import { efficientDenseBlock } from '../memory-efficient';
import { type Module, sameSize } from '../module';
import { denseBlockName, denseLayerName } from '../names';
import { denseLayer } from './dense-layer';

/**
 * MONAI's `_DenseBlock`: `layers` dense layers, each fed the concatenation of the block's input and
 * every earlier layer's new features (`torch.cat([x, new], 1)`; channels are the last axis here).
 * In inference the features stay pieces that each layer's first norm reads in one fused pass,
 * concatenated once at the block's output (the same values); in training the memory-efficient
 * step is one custom-gradient op (model/memory-efficient.ts).
 * @param block - 1-based block number.
 */
export function denseBlock(
  block: number,
  layers: number,
  inputChannels: number,
  growthRate: number,
  bnSize: number,
): Module {
  const denseLayers = Array.from({ length: layers }, (_, index) =>
    denseLayer(
      denseLayerName(block, index + 1),
      inputChannels + index * growthRate,
      growthRate,
      bnSize,
    ),
  );
  return {
    name: denseBlockName(block),
    kind: 'dense-block',
    parameters: denseLayers.flatMap((layer) => layer.parameters),
    outputChannels: inputChannels + layers * growthRate,
    outputSize: sameSize,
    forward(input, context) {
      if (!context.training) {
        const pieces = [input];
        for (const layer of denseLayers) pieces.push(layer.forwardPieces(pieces, context));
        const output = tf.concat(pieces, input.rank - 1);
        for (const piece of pieces.slice(1)) piece.dispose();
        return output;
      }
      let features = input;
      for (const layer of denseLayers) {
        const fresh = layer.forward(features, context);
        const next = tf.concat([features, fresh], features.rank - 1);
        fresh.dispose();
        if (features !== input) features.dispose();
        features = next;
      }
      return features;
    },
    efficient: efficientDenseBlock(denseLayers.map((layer) => layer.name)),
  };
}
