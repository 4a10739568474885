import type * as tf from '@tensorflow/tfjs-core';
import {
  channelDropout,
  convolve,
  type LayerContext,
  normaliseRelu,
  normaliseReluInference,
} from '../layers';
import { type Module, sameSize } from '../module';
import { denseLayerPartName } from '../names';
import { batchNormParameters } from './batch-norm';
import { convolutionParameter } from './convolution';

/** A dense layer: a module that can also read its input as channel pieces in inference. */
export interface DenseLayer extends Module {
  /**
   * The inference forward step on the block's features kept as pieces (the block's input and
   * each earlier layer's new channels, in order): the first norm reads them in one fused pass,
   * the same values as `forward` on their concatenation. Does not dispose the pieces.
   */
  forwardPieces(pieces: readonly tf.Tensor[], context: LayerContext): tf.Tensor;
}

/**
 * MONAI's `_DenseLayer`: BN → ReLU → 1³ convolution to `bnSize × growthRate` channels → BN →
 * ReLU → 3³ convolution (padding 1) to `growthRate` channels → channel dropout. Its output is the
 * layer's new features only; the dense block concatenates them to its input.
 * @param name - the layer's module name (`denseLayerName(block, layer)`).
 * @param inputChannels - channels of the block so far.
 */
export function denseLayer(
  name: string,
  inputChannels: number,
  growthRate: number,
  bnSize: number,
): DenseLayer {
  const bottleneck = bnSize * growthRate;
  const norm1 = denseLayerPartName(name, 'norm1');
  const conv1 = convolutionParameter(
    denseLayerPartName(name, 'conv1'),
    1,
    inputChannels,
    bottleneck,
  );
  const norm2 = denseLayerPartName(name, 'norm2');
  const conv2 = convolutionParameter(denseLayerPartName(name, 'conv2'), 3, bottleneck, growthRate);
  /** The layer after its first norm → ReLU; disposes `activated1`. */
  function tail(activated1: tf.Tensor, context: LayerContext): tf.Tensor {
    const reduced = convolve(activated1, conv1.key, context, 'valid');
    activated1.dispose();
    const activated2 = normaliseRelu(reduced, norm2, context);
    reduced.dispose();
    const fresh = convolve(activated2, conv2.key, context, 'same');
    activated2.dispose();
    const dropped = channelDropout(fresh, context);
    if (dropped !== fresh) fresh.dispose();
    return dropped;
  }
  return {
    name,
    kind: 'dense-layer',
    parameters: [
      ...batchNormParameters(norm1, inputChannels),
      conv1,
      ...batchNormParameters(norm2, bottleneck),
      conv2,
    ],
    outputChannels: growthRate,
    outputSize: sameSize,
    forward: (x, context) => tail(normaliseRelu(x, norm1, context), context),
    forwardPieces: (pieces, context) =>
      tail(normaliseReluInference(pieces, norm1, context), context),
  };
}
