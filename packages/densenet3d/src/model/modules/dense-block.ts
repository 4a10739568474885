import * as tf from '@tensorflow/tfjs-core';
import { type Module, sameSize } from '../module';
import { denseBlockName, denseLayerName } from '../names';
import { denseLayer } from './dense-layer';

/**
 * MONAI's `_DenseBlock`: `layers` dense layers, each fed the concatenation of the block's input and
 * every earlier layer's new features (`torch.cat([x, new], 1)`; channels are the last axis here).
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
  };
}
