import * as tf from '@tensorflow/tfjs-core';

/** The reduction axes of a channels-last tensor: every axis but the last. */
export function channelReductionAxes(rank: number): number[] {
  return Array.from({ length: rank - 1 }, (_, axis) => axis);
}

/** Values per channel: the product of every dimension but the last. */
export function valuesPerChannel(shape: readonly number[]): number {
  return shape.slice(0, -1).reduce((product, size) => product * size, 1);
}

/** Output of training-mode batch normalisation. */
export interface BatchNormTrainingResult {
  /** `(x − mean) / sqrt(variance + epsilon) · scale + offset`, shape of `x`. */
  y: tf.Tensor;
  /** Per-channel mean of `x` over every axis but the last, [C]. */
  mean: tf.Tensor1D;
  /** Per-channel biased variance (divided by the element count per channel), [C]. */
  variance: tf.Tensor1D;
}

/** Gradients of training-mode batch normalisation. */
export interface BatchNormBackwardResult {
  /** Gradient w.r.t. `x` (shape of `x`), including the dependence of mean and variance on `x`. */
  dx: tf.Tensor;
  /** Gradient w.r.t. `scale`, [C]. */
  dScale: tf.Tensor1D;
  /** Gradient w.r.t. `offset`, [C]. */
  dOffset: tf.Tensor1D;
}

/**
 * Training-mode batch normalisation in plain tfjs ops: the composite implementation used
 * when a backend has no `CtfBatchNormForward` kernel, and the numerical reference a native
 * kernel is tested against. Two-pass mean/variance (biased), channels last.
 * @param x - float32, channels last, rank ≥ 2 (e.g. `[N, D, H, W, C]`).
 * @param scale - [C] (PyTorch `weight`).
 * @param offset - [C] (PyTorch `bias`).
 * @param epsilon - added to the variance (PyTorch 1e-5).
 * @example
 * const { y, mean, variance } = batchNormTrainingReference(x, scale, offset, 1e-5);
 */
export function batchNormTrainingReference(
  x: tf.Tensor,
  scale: tf.Tensor1D,
  offset: tf.Tensor1D,
  epsilon: number,
): BatchNormTrainingResult {
  return tf.tidy(() => {
    const axes = channelReductionAxes(x.rank);
    const mean = tf.mean(x, axes) as tf.Tensor1D;
    const centered = tf.sub(x, mean);
    const variance = tf.mean(tf.square(centered), axes) as tf.Tensor1D;
    const multiplier = tf.mul(scale, tf.rsqrt(tf.add(variance, epsilon)));
    const y = tf.add(tf.mul(centered, multiplier), offset);
    return { y, mean, variance };
  });
}

/**
 * Gradients of training-mode batch normalisation in plain tfjs ops (the reference for
 * `CtfBatchNormBackward`), with `m` values per channel, `x̂ = (x − mean)/sqrt(variance + ε)`:
 * `dOffset = Σ dy`, `dScale = Σ dy·x̂`, `dx = scale/sqrt(variance + ε) · (dy − dOffset/m − x̂·dScale/m)`.
 * @param dy - gradient of the loss w.r.t. `y`, shape of `x`.
 * @param mean - the forward pass's per-channel mean, [C].
 * @param variance - the forward pass's per-channel biased variance, [C].
 * @example
 * const { dx, dScale, dOffset } = batchNormBackwardReference(dy, x, scale, mean, variance, 1e-5);
 */
export function batchNormBackwardReference(
  dy: tf.Tensor,
  x: tf.Tensor,
  scale: tf.Tensor1D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  epsilon: number,
): BatchNormBackwardResult {
  return tf.tidy(() => {
    const axes = channelReductionAxes(x.rank);
    const count = valuesPerChannel(x.shape);
    const inverseStd = tf.rsqrt(tf.add(variance, epsilon));
    const normalised = tf.mul(tf.sub(x, mean), inverseStd);
    const dOffset = tf.sum(dy, axes) as tf.Tensor1D;
    const dScale = tf.sum(tf.mul(dy, normalised), axes) as tf.Tensor1D;
    const correction = tf.add(tf.div(dOffset, count), tf.mul(normalised, tf.div(dScale, count)));
    const dx = tf.mul(tf.sub(dy, correction), tf.mul(scale, inverseStd));
    return { dx, dScale, dOffset };
  });
}
