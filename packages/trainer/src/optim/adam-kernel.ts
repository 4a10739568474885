import * as tf from '@tensorflow/tfjs-core';

/**
 * The fused Adam/AdamW kernel a backend may register (docs/contracts.md, custom kernels):
 * inputs `param`, `grad`, `m`, `v` (float32, one shape), attrs {@link CtfAdamUpdateAttrs},
 * outputs new tensors `[param', m', v']`. `@ct-fracture/tfjs-backend-onednn` registers it; the
 * trainer refers to it by name only, so it takes no dependency on any backend.
 */
export const CTF_ADAM_UPDATE = 'CtfAdamUpdate';

/** The attributes of `CtfAdamUpdate` (the same as the onednn backend's `CtfAdamUpdateAttrs`). */
export interface CtfAdamUpdateAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** The 1-based step count (bias corrections use β^step). */
  step: number;
  /** L2 penalty (Adam) or decoupled decay (AdamW); 0 for none. */
  weightDecay: number;
  /** true: AdamW (param·(1 − lr·weightDecay)); false: Adam (grad + weightDecay·param). */
  decoupledWeightDecay: boolean;
}

/** Whether the active backend registers `CtfAdamUpdate`. */
export function hasFusedAdamKernel(): boolean {
  return tf.getKernel(CTF_ADAM_UPDATE, tf.getBackend()) !== undefined;
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
    .runKernel(CTF_ADAM_UPDATE, { param, grad, m, v }, { ...attrs }) as tf.Tensor[];
  const [nextParam, nextM, nextV] = outputs;
  if (
    outputs.length !== 3 ||
    nextParam === undefined ||
    nextM === undefined ||
    nextV === undefined
  ) {
    tf.dispose(outputs);
    throw new RangeError(
      `the backend's ${CTF_ADAM_UPDATE} must return 3 tensors (param, m, v), got ${outputs.length}`,
    );
  }
  return [nextParam, nextM, nextV];
}
