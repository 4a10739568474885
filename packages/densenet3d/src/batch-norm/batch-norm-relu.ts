import {
  type CtfBatchNormAttrs,
  CtfBatchNormForward,
  CtfBatchNormReluBackward,
  CtfBatchNormReluForward,
} from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  type BatchNormReluGradients,
  type BatchNormReluResult,
  type BatchStatistics,
  batchNormReluBackwardReference,
  batchNormReluReference,
} from './batch-norm-relu-reference';
import { batchNormBackward, batchNormTraining } from './batch-norm-training';

/** True when the active backend registers a kernel of this name. */
function backendHas(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}

/** `{ x: pieces[0], x1: pieces[1], … }` (the kernels' names for channel pieces), plus `extra`. */
function pieceMap(name: string, pieces: readonly tf.Tensor[]): tf.NamedTensorMap {
  const map: tf.NamedTensorMap = {};
  pieces.forEach((piece, k) => {
    map[k === 0 ? name : `${name}${k}`] = piece;
  });
  return map;
}

function concatenated(pieces: readonly tf.Tensor[]): tf.Tensor {
  return pieces.length === 1 ? pieces[0]!.clone() : tf.concat([...pieces], -1);
}

/**
 * Where the backend has `CtfBatchNormForward` but no fused kernel: that kernel then ReLU, as
 * the plain stages run it (a recomputation runs it again: the statistics come out the same).
 */
function unfusedForward(
  pieces: readonly tf.Tensor[],
  scale: tf.Tensor1D,
  offset: tf.Tensor1D,
  epsilon: number,
): BatchNormReluResult {
  return tf.tidy(() => {
    const { y, mean, variance } = batchNormTraining(concatenated(pieces), scale, offset, epsilon);
    return { y: tf.relu(y), mean, variance };
  });
}

/** The gradient matching {@link unfusedForward}: ReLU's, then `CtfBatchNormBackward`'s. */
function unfusedBackward(
  dy: tf.Tensor,
  pieces: readonly tf.Tensor[],
  scale: tf.Tensor1D,
  offset: tf.Tensor1D,
  epsilon: number,
  accumulate?: readonly tf.Tensor[],
): BatchNormReluGradients {
  return tf.tidy(() => {
    const x = concatenated(pieces);
    const { y, mean, variance } = batchNormTraining(x, scale, offset, epsilon);
    const gradient = tf.mul(dy, tf.cast(tf.step(y), 'float32'));
    const { dx, dScale, dOffset } = batchNormBackward(gradient, x, scale, mean, variance, epsilon);
    const widths = pieces.map((piece) => piece.shape[piece.rank - 1]!);
    const parts = pieces.length === 1 ? [dx] : tf.split(dx, widths, -1);
    const summed = parts.map((part, k) =>
      accumulate?.[k] === undefined ? part : tf.add(accumulate[k]!, part),
    );
    return { dx: summed, dScale, dOffset };
  });
}

/**
 * `max(0, BN(concat(pieces)))` in training mode, untaped: the `CtfBatchNormReluForward`
 * kernel when the backend has one, else {@link batchNormReluReference}. With `statistics`
 * the pieces are normalised with them (recomputing a forward pass bit for bit).
 * `statistics` must be those an earlier call returned for the same pieces (a recomputation).
 * For use inside custom gradients (a memory-efficient dense block); {@link batchNormReluTraining}
 * is the differentiable single-tensor form. On a backend with `CtfBatchNormForward` but no
 * fused kernel, that kernel then ReLU (the plain stages' numbers).
 * @example
 * const { y, mean, variance } = batchNormReluPieces([input, layer1, layer2], gamma, beta, 1e-5);
 */
export function batchNormReluPieces(
  pieces: readonly tf.Tensor[],
  scale: tf.Tensor1D,
  offset: tf.Tensor1D,
  epsilon: number,
  statistics?: BatchStatistics,
): BatchNormReluResult {
  if (!backendHas(CtfBatchNormReluForward)) {
    return backendHas(CtfBatchNormForward)
      ? unfusedForward(pieces, scale, offset, epsilon)
      : batchNormReluReference(pieces, scale, offset, epsilon, statistics);
  }
  const attrs: CtfBatchNormAttrs = { epsilon };
  const inputs = { ...pieceMap('x', pieces), scale, offset, ...(statistics ?? {}) };
  const [y, mean, variance] = tf
    .engine()
    .runKernel(CtfBatchNormReluForward, inputs, attrs) as tf.Tensor[];
  return { y: y!, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
}

/**
 * The gradient of {@link batchNormReluPieces} w.r.t. each piece (each added to its
 * `accumulate` tensor when given), the scale and the offset: the `CtfBatchNormReluBackward`
 * kernel when the backend has one, else {@link batchNormReluBackwardReference}.
 * @example
 * const { dx, dScale, dOffset } = batchNormReluPiecesBackward(dy, pieces, gamma, beta, mean, variance, 1e-5);
 */
export function batchNormReluPiecesBackward(
  dy: tf.Tensor,
  pieces: readonly tf.Tensor[],
  scale: tf.Tensor1D,
  offset: tf.Tensor1D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  epsilon: number,
  accumulate?: readonly tf.Tensor[],
): BatchNormReluGradients {
  if (!backendHas(CtfBatchNormReluBackward)) {
    if (backendHas(CtfBatchNormForward))
      return unfusedBackward(dy, pieces, scale, offset, epsilon, accumulate);
    return batchNormReluBackwardReference(
      dy,
      pieces,
      scale,
      offset,
      mean,
      variance,
      epsilon,
      accumulate,
    );
  }
  const attrs: CtfBatchNormAttrs = { epsilon };
  const inputs = {
    dy,
    ...pieceMap('x', pieces),
    ...(accumulate === undefined ? {} : pieceMap('accumulate', accumulate)),
    scale,
    offset,
    mean,
    variance,
  };
  const outputs = tf.engine().runKernel(CtfBatchNormReluBackward, inputs, attrs) as tf.Tensor[];
  return {
    dx: outputs.slice(0, pieces.length),
    dScale: outputs[pieces.length] as tf.Tensor1D,
    dOffset: outputs[pieces.length + 1] as tf.Tensor1D,
  };
}

/**
 * Registers the gradient of `CtfBatchNormReluForward` for its single-tensor form (once per
 * tfjs engine), computed by `CtfBatchNormReluBackward` or the reference ops.
 * @example
 * ensureBatchNormReluGradient();
 */
export function ensureBatchNormReluGradient(): void {
  if (tf.getGradient(CtfBatchNormReluForward) !== undefined) return;
  tf.registerGradient({
    kernelName: CtfBatchNormReluForward,
    inputsToSave: ['x', 'scale', 'offset'],
    outputsToSave: [false, true, true],
    gradFunc: (dys, saved, attrs) => {
      const dy = Array.isArray(dys) ? dys[0]! : dys;
      const [x, scale, offset, mean, variance] = saved as [
        tf.Tensor,
        tf.Tensor1D,
        tf.Tensor1D,
        tf.Tensor1D,
        tf.Tensor1D,
      ];
      const epsilon = (attrs as unknown as CtfBatchNormAttrs).epsilon;
      // Gradients flow through y only: the statistics feed the running estimates.
      const grads = batchNormReluPiecesBackward(dy, [x], scale, offset, mean, variance, epsilon);
      return {
        x: () => grads.dx[0]!,
        scale: () => grads.dScale,
        offset: () => grads.dOffset,
      };
    },
  });
}

/**
 * Training-mode batch normalisation followed by ReLU, differentiable: the backend's
 * `CtfBatchNormReluForward` kernel when it has one (one pass, and only `x` kept for the
 * gradient), else {@link batchNormTraining} then `tf.relu`. Gradients flow through `y`.
 * @param x - float32, channels last. @param scale - [C]. @param offset - [C].
 * @returns `y` = max(0, BN(x)), the batch `mean` and biased `variance` [C].
 * @example
 * const { y, mean, variance } = batchNormReluTraining(x, gamma, beta, 1e-5);
 */
export function batchNormReluTraining(
  x: tf.Tensor,
  scale: tf.Tensor1D,
  offset: tf.Tensor1D,
  epsilon: number,
): BatchNormReluResult {
  if (!backendHas(CtfBatchNormReluForward)) {
    const { y: normalised, mean, variance } = batchNormTraining(x, scale, offset, epsilon);
    const y = tf.relu(normalised);
    normalised.dispose();
    return { y, mean, variance };
  }
  ensureBatchNormReluGradient();
  return batchNormReluPieces([x], scale, offset, epsilon);
}
