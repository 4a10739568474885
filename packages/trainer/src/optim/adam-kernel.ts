import { CtfAdamUpdate, type CtfAdamUpdateAttrs, CtfMultiAdamUpdate } from '@ct-fracture/core';
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

/** Whether the active backend registers `CtfMultiAdamUpdate`. */
export function hasMultiAdamKernel(): boolean {
  return tf.getKernel(CtfMultiAdamUpdate, tf.getBackend()) !== undefined;
}

/**
 * One `CtfMultiAdamUpdate` for several parameters: their [param', m', v'] in order, new tensors
 * owned by the caller; the inputs are left unchanged.
 * @throws {RangeError} when the backend returns other than three tensors per parameter.
 */
export function fusedMultiAdamUpdate(
  parameters: ReadonlyArray<{ param: tf.Tensor; grad: tf.Tensor; m: tf.Tensor; v: tf.Tensor }>,
  attrs: CtfAdamUpdateAttrs,
): Array<[tf.Tensor, tf.Tensor, tf.Tensor]> {
  const inputs: tf.NamedTensorMap = {};
  parameters.forEach(({ param, grad, m, v }, k) => {
    const suffix = k === 0 ? '' : String(k);
    inputs[`param${suffix}`] = param;
    inputs[`grad${suffix}`] = grad;
    inputs[`m${suffix}`] = m;
    inputs[`v${suffix}`] = v;
  });
  const outputs = tf.engine().runKernel(CtfMultiAdamUpdate, inputs, { ...attrs }) as tf.Tensor[];
  if (outputs.length !== 3 * parameters.length) {
    tf.dispose(outputs);
    throw new RangeError(
      `the backend's ${CtfMultiAdamUpdate} must return 3 tensors per parameter (${3 * parameters.length}), got ${outputs.length}`,
    );
  }
  return parameters.map((_, k) => [outputs[3 * k]!, outputs[3 * k + 1]!, outputs[3 * k + 2]!]);
}
