import type { SeededRandom } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import { batchNormReluTraining } from '../batch-norm/batch-norm-relu';
import { batchNormReluInference } from '../batch-norm/batch-norm-relu-inference';
import { batchNormTraining } from '../batch-norm/batch-norm-training';
import { valuesPerChannel } from '../batch-norm/reference';
import { DenseNetError } from '../errors/densenet-error';

/** PyTorch BatchNorm defaults. */
export const BATCH_NORM_EPSILON = 1e-5;
/** PyTorch BatchNorm defaults: `running = (1 − momentum)·running + momentum·batch`. */
export const BATCH_NORM_MOMENTUM = 0.1;

/** What the layers of one forward pass share. */
export interface LayerContext {
  /** The weight of a state_dict key. */
  weight(key: string): tf.Variable;
  training: boolean;
  updateRunningStatistics: boolean;
  dropoutProb: number;
  /** Dropout masks draw from this (training with dropout only). */
  random: SeededRandom | undefined;
  /**
   * The most bytes of normalised activations a memory-efficient stage keeps for its backward
   * pass instead of recomputing them (see memory-efficient.ts).
   */
  keepActivationsBytes: number;
}

/** The default of {@link LayerContext.keepActivationsBytes} (ForwardOptions): 128 MiB. */
export const KEEP_ACTIVATIONS_BYTES = 128 * 1024 * 1024;

/**
 * Updates the running estimates of the norm `prefix` from a batch's mean and biased variance
 * over `count` values per channel (PyTorch: momentum 0.1, unbiased variance).
 */
export function updateRunningStatistics(
  prefix: string,
  context: LayerContext,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  count: number,
): void {
  const runningMean = context.weight(`${prefix}.running_mean`);
  const runningVar = context.weight(`${prefix}.running_var`);
  const keep = 1 - BATCH_NORM_MOMENTUM;
  tf.tidy(() => {
    runningMean.assign(tf.add(tf.mul(runningMean, keep), tf.mul(mean, BATCH_NORM_MOMENTUM)));
    const unbiased = tf.mul(variance, count / (count - 1));
    runningVar.assign(tf.add(tf.mul(runningVar, keep), tf.mul(unbiased, BATCH_NORM_MOMENTUM)));
  });
}

/**
 * Batch normalisation of the module `prefix` (`features.norm0`, …): batch statistics and
 * a running-estimate update in training, running statistics in inference.
 * @throws DenseNetError `invalid-input` in training with one value per channel (as PyTorch).
 */
export function normalise(x: tf.Tensor, prefix: string, context: LayerContext): tf.Tensor {
  const scale = context.weight(`${prefix}.weight`) as tf.Tensor1D;
  const offset = context.weight(`${prefix}.bias`) as tf.Tensor1D;
  if (!context.training) {
    return tf.batchNorm(
      x,
      context.weight(`${prefix}.running_mean`) as tf.Tensor1D,
      context.weight(`${prefix}.running_var`) as tf.Tensor1D,
      offset,
      scale,
      BATCH_NORM_EPSILON,
    );
  }
  const count = trainingValuesPerChannel(x.shape, prefix);
  const { y, mean, variance } = batchNormTraining(x, scale, offset, BATCH_NORM_EPSILON);
  if (context.updateRunningStatistics)
    updateRunningStatistics(prefix, context, mean, variance, count);
  mean.dispose();
  variance.dispose();
  return y;
}

/**
 * Values per channel of a training-mode batch normalisation's input of `shape` (channels last).
 * @throws DenseNetError `invalid-input` for one value per channel (as PyTorch).
 */
export function trainingValuesPerChannel(shape: readonly number[], prefix: string): number {
  const count = valuesPerChannel(shape);
  if (count < 2) {
    throw new DenseNetError({
      code: 'invalid-input',
      message: `batch normalisation in training needs more than 1 value per channel, got input shape [${shape}] at ${prefix}`,
      key: prefix,
      value: JSON.stringify(shape),
    });
  }
  return count;
}

/**
 * `relu(normalise(concat(pieces)))` in inference (running statistics): one fused pass over
 * the channel pieces where the backend has `CtfBatchNormReluForward`, differentiable.
 */
export function normaliseReluInference(
  pieces: readonly tf.Tensor[],
  prefix: string,
  context: LayerContext,
): tf.Tensor {
  return batchNormReluInference(
    pieces,
    context.weight(`${prefix}.weight`) as tf.Tensor1D,
    context.weight(`${prefix}.bias`) as tf.Tensor1D,
    context.weight(`${prefix}.running_mean`) as tf.Tensor1D,
    context.weight(`${prefix}.running_var`) as tf.Tensor1D,
    BATCH_NORM_EPSILON,
  );
}

/**
 * `relu(normalise(x))`, disposing the intermediate; one fused batch-norm + ReLU where the
 * backend has `CtfBatchNormReluForward`.
 */
export function normaliseRelu(x: tf.Tensor, prefix: string, context: LayerContext): tf.Tensor {
  if (context.training) {
    const count = trainingValuesPerChannel(x.shape, prefix);
    const scale = context.weight(`${prefix}.weight`) as tf.Tensor1D;
    const offset = context.weight(`${prefix}.bias`) as tf.Tensor1D;
    const { y, mean, variance } = batchNormReluTraining(x, scale, offset, BATCH_NORM_EPSILON);
    if (context.updateRunningStatistics)
      updateRunningStatistics(prefix, context, mean, variance, count);
    mean.dispose();
    variance.dispose();
    return y;
  }
  return normaliseReluInference([x], prefix, context);
}

/** A 3D convolution with a `[kd, kh, kw, in, out]` kernel, stride 1. */
export function convolve(
  x: tf.Tensor,
  key: string,
  context: LayerContext,
  pad: 'valid' | 'same',
): tf.Tensor5D {
  return tf.conv3d(x as tf.Tensor5D, context.weight(key) as tf.Tensor5D, 1, pad);
}

/**
 * The mask of MONAI's `Dropout3d` (channel-wise) for `x` in training: per sample and channel
 * 0 with probability p, else 1/(1−p), shaped `[N, 1, …, 1, C]`; undefined when dropout is off.
 */
export function dropoutMask(x: tf.Tensor, context: LayerContext): tf.Tensor | undefined {
  if (!context.training || context.dropoutProb === 0 || context.random === undefined)
    return undefined;
  const batch = x.shape[0]!;
  const channels = x.shape[x.rank - 1]!;
  const keep = 1 - context.dropoutProb;
  const mask = new Float32Array(batch * channels);
  for (let index = 0; index < mask.length; index += 1) {
    mask[index] = context.random.next() < keep ? 1 / keep : 0;
  }
  return tf.tensor(mask, [batch, ...Array<number>(x.rank - 2).fill(1), channels]);
}

/**
 * MONAI's `Dropout3d` (channel-wise) in training: whole channels of each sample are zeroed
 * with probability p, the rest scaled by 1/(1−p). Identity otherwise.
 */
export function channelDropout(x: tf.Tensor, context: LayerContext): tf.Tensor {
  const mask = dropoutMask(x, context);
  if (mask === undefined) return x;
  const dropped = tf.mul(x, mask);
  mask.dispose();
  return dropped;
}
