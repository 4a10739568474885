import { CtfAdamUpdate, type CtfAdamUpdateAttrs } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';

/** Whether the active backend registers `CtfAdamUpdate`. */
export function hasFusedAdamKernel(): boolean {
  return tf.getKernel(CtfAdamUpdate, tf.getBackend()) !== undefined;
}

/**
 * One `CtfAdamUpdate` for one parameter. The outputs are new tensors owned by the caller (or by
 * the enclosing `tf.tidy`); the inputs are left unchanged.
 */
export function fusedAdamUpdate(
  param: tf.Tensor,
  grad: tf.Tensor,
  m: tf.Tensor,
  v: tf.Tensor,
  attrs: CtfAdamUpdateAttrs,
): [tf.Tensor, tf.Tensor, tf.Tensor] {
  const outputs = tf
    .engine()
    .runKernel(CtfAdamUpdate, { param, grad, m, v }, { ...attrs }) as tf.Tensor[];
  const [nextParam, nextM, nextV] = outputs;
  if (
    outputs.length !== 3 ||
    nextParam === undefined ||
    nextM === undefined ||
    nextV === undefined
  ) {
    tf.dispose(outputs);
    throw new RangeError(
      `the backend's ${CtfAdamUpdate} must return 3 tensors (param, m, v), got ${outputs.length}`,
    );
  }
  return [nextParam, nextM, nextV];
}
