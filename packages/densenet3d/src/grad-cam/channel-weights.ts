import * as tf from '@tensorflow/tfjs-core';

/** How the channels of the layer are weighted. */
export type GradCamMethod = 'gradcam' | 'gradcam++';

/** The methods {@link gradCam} accepts. */
export const GRAD_CAM_METHODS: readonly GradCamMethod[] = ['gradcam', 'gradcam++'];

/** Grad-CAM++'s ε in the α denominator (pytorch-grad-cam's 1e-6). */
export const GRAD_CAM_PLUS_PLUS_EPSILON = 1e-6;

/**
 * Per-channel weights `[1, 1, 1, 1, C]` from the layer activation `A` and the gradient `G` of
 * the class score, both `[1, d, h, w, C]`:
 * - `gradcam` (Selvaraju et al. 2017): `w_c = mean_xyz G`.
 * - `gradcam++` (Chattopadhay et al. 2018, eq. 19, as pytorch-grad-cam): `α = G² / (2 G² +
 *   Σ_xyz A · G³ + ε)` (0 where `G = 0`), `w_c = Σ_xyz relu(G) · α`.
 * @example
 * const cam = tf.relu(tf.sum(tf.mul(a, channelWeights(a, g, 'gradcam')), 4)); // [1, d, h, w]
 */
export function channelWeights(
  activation: tf.Tensor,
  gradient: tf.Tensor,
  method: GradCamMethod,
): tf.Tensor {
  return tf.tidy(() => {
    if (method === 'gradcam') return tf.mean(gradient, [1, 2, 3], true);
    const g2 = tf.square(gradient);
    const g3 = tf.mul(g2, gradient);
    const sumActivation = tf.sum(activation, [1, 2, 3], true);
    const denominator = tf.add(
      tf.add(tf.mul(g2, 2), tf.mul(sumActivation, g3)),
      GRAD_CAM_PLUS_PLUS_EPSILON,
    );
    const alpha = tf.where(
      tf.notEqual(gradient, 0),
      tf.div(g2, denominator),
      tf.zerosLike(gradient),
    );
    return tf.sum(tf.mul(tf.relu(gradient), alpha), [1, 2, 3], true);
  });
}
