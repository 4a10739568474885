import * as tf from '@tensorflow/tfjs-core';
import { batchNormBackwardReference, channelReductionAxes } from './reference';

/** Output of batch normalisation + ReLU over channel pieces. */
export interface BatchNormReluResult {
  /** `max(0, BN(concat(pieces)))`, the pieces' leading shape with every channel. */
  y: tf.Tensor;
  /** Per-channel mean (the batch's, or the one given), [C]. */
  mean: tf.Tensor1D;
  /** Per-channel biased variance (the batch's, or the one given), [C]. */
  variance: tf.Tensor1D;
}

/** Gradients of batch normalisation + ReLU over channel pieces. */
export interface BatchNormReluGradients {
  /** One gradient per piece (plus its accumulator when one was given), in the pieces' shapes. */
  dx: tf.Tensor[];
  dScale: tf.Tensor1D;
  dOffset: tf.Tensor1D;
}

/** Given batch statistics: normalise with these instead of computing them. */
export interface BatchStatistics {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

function concatenated(pieces: readonly tf.Tensor[]): tf.Tensor {
  return pieces.length === 1 ? pieces[0]!.clone() : tf.concat([...pieces], -1);
}

/** `x·multiplier + shift` with multiplier = scale/sqrt(variance + ε), shift = offset − mean·multiplier. */
function normalised(
  x: tf.Tensor,
  scale: tf.Tensor1D,
  offset: tf.Tensor1D,
  { mean, variance }: BatchStatistics,
  epsilon: number,
): tf.Tensor {
  const multiplier = tf.mul(scale, tf.rsqrt(tf.add(variance, epsilon)));
  const shift = tf.sub(offset, tf.mul(mean, multiplier));
  return tf.add(tf.mul(x, multiplier), shift);
}

/**
 * Training-mode batch normalisation followed by ReLU over the concatenation of channel pieces,
 * in plain tfjs ops: the composite implementation used where a backend has no
 * `CtfBatchNormReluForward` kernel, and its numerical reference. The statistics are the
 * batch's (as `tf.moments`: mean, biased variance) unless `statistics` are given.
 * @param pieces - float32 `[..., C_k]` tensors of one leading shape (channels last).
 * @example
 * const { y, mean, variance } = batchNormReluReference([x], scale, offset, 1e-5);
 */
export function batchNormReluReference(
  pieces: readonly tf.Tensor[],
  scale: tf.Tensor1D,
  offset: tf.Tensor1D,
  epsilon: number,
  statistics?: BatchStatistics,
): BatchNormReluResult {
  return tf.tidy(() => {
    const x = concatenated(pieces);
    const stats =
      statistics ?? (tf.moments(x, channelReductionAxes(x.rank)) as unknown as BatchStatistics);
    const y = tf.relu(normalised(x, scale, offset, stats, epsilon));
    return { y, mean: stats.mean.clone(), variance: stats.variance.clone() };
  });
}

/**
 * The gradient of {@link batchNormReluReference} in plain tfjs ops (the reference of
 * `CtfBatchNormReluBackward`): the ReLU mask is recomputed from the pieces and statistics,
 * then the batch-normalisation gradient (mean and variance depend on x) is split back into
 * the pieces, each added to its `accumulate` tensor when given.
 * @example
 * const { dx, dScale, dOffset } = batchNormReluBackwardReference(dy, [x], scale, offset, mean, variance, 1e-5);
 */
export function batchNormReluBackwardReference(
  dy: tf.Tensor,
  pieces: readonly tf.Tensor[],
  scale: tf.Tensor1D,
  offset: tf.Tensor1D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  epsilon: number,
  accumulate?: readonly tf.Tensor[],
): BatchNormReluGradients {
  return tf.tidy(() => {
    const x = concatenated(pieces);
    const preActivation = normalised(x, scale, offset, { mean, variance }, epsilon);
    const gradient = tf.mul(dy, tf.step(preActivation));
    const { dx, dScale, dOffset } = batchNormBackwardReference(
      gradient,
      x,
      scale,
      mean,
      variance,
      epsilon,
    );
    const widths = pieces.map((piece) => piece.shape[piece.rank - 1]!);
    const parts = pieces.length === 1 ? [dx] : tf.split(dx, widths, -1);
    const summed = parts.map((part, k) =>
      accumulate?.[k] === undefined ? part : tf.add(accumulate[k]!, part),
    );
    return { dx: summed, dScale, dOffset };
  });
}
