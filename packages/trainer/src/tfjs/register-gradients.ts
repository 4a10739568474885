import * as tf from '@tensorflow/tfjs-core';

let registration: Promise<void> | undefined;

/**
 * Registers TensorFlow.js's gradient functions (idempotent). `@tensorflow/tfjs-core`'s Node
 * build ships without them — only the `@tensorflow/tfjs` union package registers them — so
 * `tf.grad`/`variableGrads` fail with "gradient function not found for …" until this ran. The
 * trainer calls it before training; call it yourself before computing gradients with the
 * trainer's losses outside `train`. The gradients come from
 * `@ct-fracture/densenet3d/register-gradients`, the one package that bundles them.
 * @example
 * await registerAllGradients();
 * const grads = tf.variableGrads(() => loss());
 */
export function registerAllGradients(): Promise<void> {
  if (tf.getGradient('Conv3D') !== undefined && tf.getGradient('RealDiv') !== undefined) {
    return Promise.resolve();
  }
  registration ??= import('@ct-fracture/densenet3d/register-gradients').then(() => {});
  return registration;
}
