import * as tf from '@tensorflow/tfjs-core';
import type { DenseNetBodyConfig } from '../presets';
import {
  channelDropout,
  convolve,
  type LayerContext,
  normalise,
  normaliseRelu,
  normaliseReluInference,
} from './layers';
import { efficientDenseBlock, efficientStemPool, efficientTransition } from './memory-efficient';

/**
 * One named step of the forward pass, named like the MONAI module whose output it
 * produces. `run` must not dispose its input and disposes its own intermediates.
 */
export interface Stage {
  name: string;
  run(x: tf.Tensor, context: LayerContext): tf.Tensor;
  /** The plain stages this one does in one step, its own name last (a fused stage only). */
  covers?: readonly string[];
}

/** Options of {@link bodyStages}. */
export interface StageOptions {
  /**
   * The memory-efficient training stages (model/memory-efficient.ts): one custom-gradient op
   * per dense block and transition, and `norm0` → `relu0` → `pool0` fused into one stage.
   * Training mode only: the stages use batch statistics.
   */
  memoryEfficient?: boolean;
}

const STEM_PADDING: Array<[number, number]> = [
  [0, 0],
  [3, 3],
  [3, 3],
  [3, 3],
  [0, 0],
];

function stem(x: tf.Tensor, context: LayerContext): tf.Tensor {
  // PyTorch pads 3 on both sides; tfjs 'same' would pad asymmetrically at stride 2.
  const padded = tf.pad(x, STEM_PADDING);
  const output = tf.conv3d(
    padded as tf.Tensor5D,
    context.weight('features.conv0.weight') as tf.Tensor5D,
    2,
    'valid',
  );
  padded.dispose();
  return output;
}

function denseLayer(x: tf.Tensor, prefix: string, context: LayerContext): tf.Tensor {
  const activated1 = normaliseRelu(x, `${prefix}.norm1`, context);
  return denseLayerTail(activated1, prefix, context);
}

/** A dense layer after its first norm: 1³ conv → BN → ReLU → 3³ conv (→ dropout). Disposes `activated1`. */
function denseLayerTail(activated1: tf.Tensor, prefix: string, context: LayerContext): tf.Tensor {
  const bottleneck = convolve(activated1, `${prefix}.conv1.weight`, context, 'valid');
  activated1.dispose();
  const activated2 = normaliseRelu(bottleneck, `${prefix}.norm2`, context);
  bottleneck.dispose();
  const fresh = convolve(activated2, `${prefix}.conv2.weight`, context, 'same');
  activated2.dispose();
  const dropped = channelDropout(fresh, context);
  if (dropped !== fresh) fresh.dispose();
  return dropped;
}

function denseBlock(block: string, layers: number): Stage['run'] {
  return (input, context) => {
    if (!context.training) return denseBlockInference(block, layers, input, context);
    let features = input;
    for (let layer = 1; layer <= layers; layer += 1) {
      const fresh = denseLayer(features, `${block}.denselayer${layer}.layers`, context);
      // torch.cat([x, new_features], 1): channels are the last axis here.
      const next = tf.concat([features, fresh], features.rank - 1);
      fresh.dispose();
      if (features !== input) features.dispose();
      features = next;
    }
    return features;
  };
}

/**
 * A dense block in inference: the features stay pieces (the input and each layer's new
 * channels) that each layer's first norm reads in one fused pass, concatenated once at the
 * block's output (the same values as concatenating after every layer).
 */
function denseBlockInference(
  block: string,
  layers: number,
  input: tf.Tensor,
  context: LayerContext,
): tf.Tensor {
  const pieces = [input];
  for (let layer = 1; layer <= layers; layer += 1) {
    const prefix = `${block}.denselayer${layer}.layers`;
    const activated1 = normaliseReluInference(pieces, `${prefix}.norm1`, context);
    pieces.push(denseLayerTail(activated1, prefix, context));
  }
  const output = tf.concat(pieces, input.rank - 1);
  for (const piece of pieces.slice(1)) piece.dispose();
  return output;
}

function transition(prefix: string): Stage['run'] {
  return (x, context) => {
    const activated = normaliseRelu(x, `${prefix}.norm`, context);
    const reduced = convolve(activated, `${prefix}.conv.weight`, context, 'valid');
    activated.dispose();
    const pooled = tf.avgPool3d(reduced, 2, 2, 'valid');
    reduced.dispose();
    return pooled;
  };
}

/**
 * The forward pass as a list of stages (MONAI module names): `features.conv0`,
 * `features.norm0`, `features.relu0`, `features.pool0`, `features.denseblockN`,
 * `features.transitionN`, `features.norm5`, `class_layers.relu`, `class_layers.flatten`
 * (global average pool over D, H, W → `[N, C]`). The heads follow the last stage.
 * With `memoryEfficient`, the same computation in training stages that keep less for the
 * backward pass.
 */
export function bodyStages(body: DenseNetBodyConfig, options: StageOptions = {}): Stage[] {
  const efficient = options.memoryEfficient === true;
  const stages: Stage[] = [{ name: 'features.conv0', run: stem }];
  if (efficient) {
    stages.push({
      name: 'features.pool0',
      covers: ['features.norm0', 'features.relu0', 'features.pool0'],
      run: efficientStemPool,
    });
  } else {
    stages.push(
      { name: 'features.norm0', run: (x, context) => normalise(x, 'features.norm0', context) },
      { name: 'features.relu0', run: (x) => tf.relu(x) },
      // MaxPool3d(3, stride 2, padding 1): padded positions never win, as with PyTorch's −∞.
      { name: 'features.pool0', run: (x) => tf.maxPool3d(x as tf.Tensor5D, 3, 2, 1) },
    );
  }
  body.blockConfig.forEach((layers, index) => {
    const block = `features.denseblock${index + 1}`;
    stages.push({
      name: block,
      run: efficient ? efficientDenseBlock(block, layers) : denseBlock(block, layers),
    });
    if (index < body.blockConfig.length - 1) {
      const name = `features.transition${index + 1}`;
      stages.push({ name, run: efficient ? efficientTransition(name) : transition(name) });
    }
  });
  stages.push(
    { name: 'features.norm5', run: (x, context) => normalise(x, 'features.norm5', context) },
    { name: 'class_layers.relu', run: (x) => tf.relu(x) },
    { name: 'class_layers.flatten', run: (x) => tf.mean(x, [1, 2, 3]) },
  );
  return stages;
}

/**
 * Spatial size after the body for an input size: stem ⌊(s−1)/2⌋+1, max pool ⌊(s−1)/2⌋+1,
 * each transition ⌊s/2⌋. A usable input gives at least 1.
 * @example
 * outputSpatialSize(128, densenetPreset('densenet121')); // 4
 */
export function outputSpatialSize(inputSize: number, body: DenseNetBodyConfig): number {
  let size = Math.floor((inputSize - 1) / 2) + 1;
  size = Math.floor((size - 1) / 2) + 1;
  for (let index = 0; index < body.blockConfig.length - 1; index += 1) size = Math.floor(size / 2);
  return size;
}
