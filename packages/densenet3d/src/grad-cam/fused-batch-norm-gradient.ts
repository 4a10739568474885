import * as tf from '@tensorflow/tfjs-core';

/**
 * The gradient of tfjs-core's `FusedBatchNorm` kernel (inference-mode `tf.batchNorm`) for
 * inputs of any rank. tfjs-core 4.22's own gradient reshapes the per-channel factor to rank 4
 * before tiling it to `x`'s shape, so differentiating a 5D (3D-volume) inference pass throws
 * "rank of input 4 must match length of reps". Same maths, broadcast instead of tiled:
 * `dx = dy · scale / √(var + ε)`, and the usual sums for mean, variance, scale and offset.
 */
const FUSED_BATCH_NORM_GRADIENT: tf.GradConfig = {
  kernelName: 'FusedBatchNorm',
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy, saved, attrs) => {
    const upstream = Array.isArray(dy) ? dy[0]! : dy;
    const [x, mean, variance, scale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor?];
    const epsilon = (attrs as unknown as { varianceEpsilon: number }).varianceEpsilon;
    const reductionAxes = tf.broadcast_util.getReductionAxes(mean.shape, x.shape);
    const reduce = (t: tf.Tensor): tf.Tensor =>
      tf.reshape(reductionAxes.length > 0 ? tf.sum(t, reductionAxes) : t, mean.shape);
    const scaleValue = scale ?? tf.scalar(1);
    const inverseStd = tf.rsqrt(tf.add(variance, epsilon));
    const dyScaled = tf.mul(upstream, scaleValue);
    return {
      x: () => tf.mul(dyScaled, inverseStd),
      mean: () => reduce(tf.neg(tf.mul(dyScaled, inverseStd))),
      variance: () =>
        reduce(tf.mul(tf.mul(tf.mul(tf.pow(inverseStd, 3), -0.5), tf.sub(x, mean)), dyScaled)),
      scale: () => reduce(tf.mul(upstream, tf.mul(tf.sub(x, mean), inverseStd))),
      offset: () => reduce(upstream),
    };
  },
};

/**
 * Makes inference-mode batch normalisation differentiable for 3D volumes (rank 5): registers
 * {@link FUSED_BATCH_NORM_GRADIENT} for `FusedBatchNorm` in tfjs-core's global gradient registry
 * unless it is already there (tfjs-core's own gradient fails for rank 5; results for rank ≤ 4
 * are the same). Called by Grad-CAM before it differentiates, so that importing the package has
 * no side effect; call it yourself to differentiate an inference pass by other means.
 * @example
 * ensureFusedBatchNormGradient();
 * const g = tf.grad((a) => tf.sum(model.forward(a, { startAfter: 'features.denseblock4' }).logits[0]!))(a);
 */
export function ensureFusedBatchNormGradient(): void {
  if (tf.getGradient('FusedBatchNorm') === FUSED_BATCH_NORM_GRADIENT) return;
  tf.registerGradient(FUSED_BATCH_NORM_GRADIENT);
}
