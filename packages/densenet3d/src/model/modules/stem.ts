import * as tf from '@tensorflow/tfjs-core';
import { efficientStemPool } from '../memory-efficient';
import type { Module } from '../module';
import { MODULE_NAMES } from '../names';
import { batchNorm } from './batch-norm';
import { convolutionParameter } from './convolution';

// PyTorch pads 3 on both sides; tfjs 'same' would pad asymmetrically at stride 2.
const STEM_PADDING: Array<[number, number]> = [
  [0, 0],
  [3, 3],
  [3, 3],
  [3, 3],
  [0, 0],
];

/** `⌊(s − 1) / 2⌋ + 1`: the size after a stride-2 stage padded to keep the centre (conv0, pool0). */
function halvedWithPadding(size: number): number {
  return Math.floor((size - 1) / 2) + 1;
}

/**
 * MONAI's stem: `conv0` (7³, stride 2, padding 3, no bias) → `norm0` → `relu0` → `pool0`
 * (3³ max pooling, stride 2, padding 1), four named stages.
 */
export function stem(inputChannels: number, initFeatures: number): Module[] {
  const conv0 = convolutionParameter(MODULE_NAMES.stemConvolution, 7, inputChannels, initFeatures);
  return [
    {
      name: MODULE_NAMES.stemConvolution,
      kind: 'convolution',
      parameters: [conv0],
      outputChannels: initFeatures,
      outputSize: halvedWithPadding,
      forward(x, context) {
        const padded = tf.pad(x, STEM_PADDING);
        const output = tf.conv3d(
          padded as tf.Tensor5D,
          context.weight(conv0.key) as tf.Tensor5D,
          2,
          'valid',
        );
        padded.dispose();
        return output;
      },
    },
    // In memory-efficient training norm0 → relu0 → pool0 is one step.
    {
      ...batchNorm(MODULE_NAMES.stemNorm, initFeatures),
      efficient: efficientStemPool(MODULE_NAMES.stemNorm),
    },
    {
      name: MODULE_NAMES.stemRelu,
      kind: 'activation',
      parameters: [],
      outputChannels: initFeatures,
      outputSize: (size) => size,
      forward: (x) => tf.relu(x),
    },
    {
      name: MODULE_NAMES.stemPool,
      kind: 'pool',
      parameters: [],
      outputChannels: initFeatures,
      outputSize: halvedWithPadding,
      // MaxPool3d(3, stride 2, padding 1): padded positions never win, as with PyTorch's −∞.
      forward: (x) => tf.maxPool3d(x as tf.Tensor5D, 3, 2, 1),
    },
  ];
}
