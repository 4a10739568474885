import {
  CtfAdamUpdate,
  type CtfAdamUpdateAttrs,
  CtfMultiAdamUpdate,
  type CtfMultiAdamUpdateAttrs,
} from '@ct-fracture/core';
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
 * One `CtfMultiAdamUpdate` for several parameters, asking the backend to update in place
 * where it can (`inPlace`): per parameter, `undefined` when the backend wrote the new values
 * into the parameter's and its moments' own storage, else [param', m', v'] as new tensors
 * owned by the caller (to assign). A backend that ignores `inPlace` returns new tensors for
 * every parameter.
 * @throws {RangeError} when the outputs fit neither form.
 */
export function fusedMultiAdamUpdate(
  parameters: ReadonlyArray<{ param: tf.Tensor; grad: tf.Tensor; m: tf.Tensor; v: tf.Tensor }>,
  attrs: CtfAdamUpdateAttrs,
): Array<[tf.Tensor, tf.Tensor, tf.Tensor] | undefined> {
  const inputs: tf.NamedTensorMap = {};
  parameters.forEach(({ param, grad, m, v }, k) => {
    const suffix = k === 0 ? '' : String(k);
    inputs[`param${suffix}`] = param;
    inputs[`grad${suffix}`] = grad;
    inputs[`m${suffix}`] = m;
    inputs[`v${suffix}`] = v;
  });
  const multiAttrs: CtfMultiAdamUpdateAttrs = { ...attrs, inPlace: true };
  const outputs = tf.engine().runKernel(CtfMultiAdamUpdate, inputs, {
    ...multiAttrs,
  }) as tf.Tensor[];
  const count = parameters.length;
  if (outputs.length === 3 * count) {
    return parameters.map((_, k) => [outputs[3 * k]!, outputs[3 * k + 1]!, outputs[3 * k + 2]!]);
  }
  const [flagTensor, ...rest] = outputs;
  const flags =
    flagTensor?.dtype === 'int32' && flagTensor.size === count
      ? (flagTensor.dataSync() as Int32Array)
      : undefined;
  const copied = flags === undefined ? -1 : flags.reduce((n, flag) => n + (flag === 0 ? 1 : 0), 0);
  if (
    flags === undefined ||
    !flags.every((flag) => flag === 0 || flag === 1) ||
    rest.length !== 3 * copied
  ) {
    tf.dispose(outputs);
    throw new RangeError(
      `the backend's ${CtfMultiAdamUpdate} must return 3 tensors per parameter (${3 * count}), or in place an int32 flag per parameter and 3 tensors per parameter not updated in place; got ${outputs.length}`,
    );
  }
  flagTensor!.dispose();
  let next = 0;
  return parameters.map((_, k) => {
    if (flags[k] === 1) return undefined;
    const three: [tf.Tensor, tf.Tensor, tf.Tensor] = [
      rest[next]!,
      rest[next + 1]!,
      rest[next + 2]!,
    ];
    next += 3;
    return three;
  });
}
