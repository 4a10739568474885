import {
  type CtfBatchNormAttrs,
  CtfBatchNormBackward,
  CtfBatchNormForward,
} from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  type BatchNormBackwardResult,
  type BatchNormTrainingResult,
  batchNormBackwardReference,
  channelReductionAxes,
} from './reference';

/** True when the active backend registers a native kernel of this name. */
function backendHas(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}

/**
 * The gradient of training-mode batch normalisation: `CtfBatchNormBackward` when the backend
 * has it, else the reference ops.
 */
export function batchNormBackward(
  dy: tf.Tensor,
  x: tf.Tensor,
  scale: tf.Tensor1D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  epsilon: number,
): BatchNormBackwardResult {
  if (!backendHas(CtfBatchNormBackward)) {
    return batchNormBackwardReference(dy, x, scale, mean, variance, epsilon);
  }
  const attrs: CtfBatchNormAttrs = { epsilon };
  const [dx, dScale, dOffset] = tf
    .engine()
    .runKernel(CtfBatchNormBackward, { dy, x, scale, mean, variance }, attrs) as tf.Tensor[];
  return { dx: dx!, dScale: dScale as tf.Tensor1D, dOffset: dOffset as tf.Tensor1D };
}

/**
 * Registers the gradient of `CtfBatchNormForward` (once per tfjs engine); called lazily so
 * that importing the package has no side effect.
 * @example
 * ensureBatchNormGradient(); // before differentiating a hand-made CtfBatchNormForward call
 */
export function ensureBatchNormGradient(): void {
  if (tf.getGradient(CtfBatchNormForward) !== undefined) return;
  tf.registerGradient({
    kernelName: CtfBatchNormForward,
    inputsToSave: ['x', 'scale'],
    outputsToSave: [false, true, true],
    gradFunc: (dys, saved, attrs) => {
      const dy = Array.isArray(dys) ? dys[0]! : dys;
      const [x, scale, mean, variance] = saved as [
        tf.Tensor,
        tf.Tensor1D,
        tf.Tensor1D,
        tf.Tensor1D,
      ];
      const epsilon = (attrs as unknown as CtfBatchNormAttrs).epsilon;
      // The engine backpropagates only through `y`: the batch statistics feed the running
      // estimates, which are not part of the loss (as in PyTorch).
      const grads = batchNormBackward(dy, x, scale, mean, variance, epsilon);
      return { x: () => grads.dx, scale: () => grads.dScale, offset: () => grads.dOffset };
    },
  });
}

/** Batch statistics `[2, C]` (mean; biased variance) in an untaped op with a zero gradient. */
const batchStatistics = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  const axes = channelReductionAxes(x.rank);
  const { mean, variance } = tf.moments(x, axes);
  return {
    value: tf.stack([mean, variance]),
    // Statistics reach the loss only through `y`, whose gradient already accounts for them.
    gradFunc: () => tf.zerosLike(x),
  };
});

/** The composite path: plain ops in a custom gradient, so the backward is the closed form. */
function compositeTraining(
  x: tf.Tensor,
  scale: tf.Tensor1D,
  offset: tf.Tensor1D,
  epsilon: number,
): BatchNormTrainingResult {
  const statistics = batchStatistics(x);
  const [mean, variance] = tf.unstack(statistics) as [tf.Tensor1D, tf.Tensor1D];
  statistics.dispose();
  const normalise = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, gamma, beta, save] = args as [
      tf.Tensor,
      tf.Tensor1D,
      tf.Tensor1D,
      tf.GradSaveFunc,
    ];
    save([input, gamma, mean, variance]);
    const multiplier = tf.mul(gamma, tf.rsqrt(tf.add(variance, epsilon)));
    const shift = tf.sub(beta, tf.mul(mean, multiplier));
    return {
      value: tf.add(tf.mul(input, multiplier), shift),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedX, savedScale, savedMean, savedVariance] = saved as [
          tf.Tensor,
          tf.Tensor1D,
          tf.Tensor1D,
          tf.Tensor1D,
        ];
        const grads = batchNormBackwardReference(
          dy,
          savedX,
          savedScale,
          savedMean,
          savedVariance,
          epsilon,
        );
        return [grads.dx, grads.dScale, grads.dOffset];
      },
    };
  });
  return { y: normalise(x, scale, offset), mean, variance };
}

/**
 * Training-mode batch normalisation with PyTorch semantics, differentiable: runs the
 * backend's `CtfBatchNormForward` kernel when it has one (gradient via
 * `CtfBatchNormBackward` or the reference ops), else the composite reference in plain ops.
 * Gradients flow through `y` only; `mean` and `variance` are for the running estimates.
 * @param x - float32, channels last (`[N, D, H, W, C]` in the model).
 * @param scale - [C]; @param offset - [C]; @param epsilon - PyTorch 1e-5.
 * @returns `y`, batch `mean` [C] and biased `variance` [C].
 * @example
 * const { y, mean, variance } = batchNormTraining(x, gamma, beta, 1e-5);
 */
export function batchNormTraining(
  x: tf.Tensor,
  scale: tf.Tensor1D,
  offset: tf.Tensor1D,
  epsilon: number,
): BatchNormTrainingResult {
  if (!backendHas(CtfBatchNormForward)) return compositeTraining(x, scale, offset, epsilon);
  ensureBatchNormGradient();
  const attrs: CtfBatchNormAttrs = { epsilon };
  const [y, mean, variance] = tf
    .engine()
    .runKernel(CtfBatchNormForward, { x, scale, offset }, attrs) as tf.Tensor[];
  return { y: y!, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
}
