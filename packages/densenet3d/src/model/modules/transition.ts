import * as tf from '@tensorflow/tfjs-core';
import { convolve, normaliseRelu } from '../layers';
import { efficientTransition } from '../memory-efficient';
import type { Module } from '../module';
import { transitionName } from '../names';
import { batchNormParameters } from './batch-norm';
import { convolutionParameter } from './convolution';

/**
 * MONAI's `_Transition` after dense block `block`: BN → ReLU → 1³ convolution halving the
 * channels (rounded down) → 2³ average pooling, stride 2.
 */
export function transition(block: number, inputChannels: number): Module {
  const name = transitionName(block);
  const outputChannels = Math.floor(inputChannels / 2);
  const norm = `${name}.norm`;
  const conv = convolutionParameter(`${name}.conv`, 1, inputChannels, outputChannels);
  return {
    name,
    kind: 'transition',
    parameters: [...batchNormParameters(norm, inputChannels), conv],
    outputChannels,
    outputSize: (size) => Math.floor(size / 2),
    forward(x, context) {
      const activated = normaliseRelu(x, norm, context);
      const reduced = convolve(activated, conv.key, context, 'valid');
      activated.dispose();
      const pooled = tf.avgPool3d(reduced as tf.Tensor5D, 2, 2, 'valid');
      reduced.dispose();
      return pooled;
    },
    efficient: efficientTransition(norm, conv.key),
  };
}
