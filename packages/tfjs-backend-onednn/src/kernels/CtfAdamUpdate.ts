import { CtfAdamUpdate, type CtfAdamUpdateAttrs } from '@ct-fracture/core';
import { type TensorInfo, util } from '@tensorflow/tfjs-core';
import { OneDnnError } from '../errors/onednn-error';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

/** Inputs of CtfAdamUpdate. */
export interface CtfAdamUpdateInputs {
  param?: TensorInfo;
  grad?: TensorInfo;
  m?: TensorInfo;
  v?: TensorInfo;
}

/**
 * One fused Adam/AdamW step for one parameter, natively: returns [param', m', v'].
 * @throws {OneDnnError} `kernel-failed` unless the four inputs are float32 of one shape.
 */
export function ctfAdamUpdate(
  args: OneDnnKernelArgs<CtfAdamUpdateInputs, CtfAdamUpdateAttrs>,
): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const tensors = [inputs.param, inputs.grad, inputs.m, inputs.v];
  const values = tensors.map((t) =>
    t?.dtype === 'float32' ? backend.float32(t.dataId) : undefined,
  );
  const shape = inputs.param?.shape;
  if (
    shape === undefined ||
    values.some((v) => v === undefined) ||
    tensors.some((t) => t === undefined || !util.arraysEqual(t.shape, shape))
  ) {
    throw new OneDnnError({
      code: 'kernel-failed',
      message: `CtfAdamUpdate needs float32 param, grad, m and v of one shape, got ${tensors.map((t) => (t === undefined ? 'none' : `${t.dtype}[${t.shape}]`)).join(', ')}`,
      where: CtfAdamUpdate,
    });
  }
  const [param, grad, m, v] = values as Float32Array[];
  const n = (param as Float32Array).length;
  const outputs = [backend.allocate(n), backend.allocate(n), backend.allocate(n)] as const;
  const hyperparameters = Float64Array.of(
    attrs.learningRate,
    attrs.beta1,
    attrs.beta2,
    attrs.epsilon,
    attrs.step,
    attrs.weightDecay,
    attrs.decoupledWeightDecay ? 1 : 0,
  );
  backend.native.adamUpdate(
    param as Float32Array,
    grad as Float32Array,
    m as Float32Array,
    v as Float32Array,
    n,
    hyperparameters,
    ...outputs,
  );
  return outputs.map((out) => backend.makeTensorInfo(shape, 'float32', out));
}

/** Kernel config: CtfAdamUpdate on `onednn`. */
export const ctfAdamUpdateConfig = oneDnnKernel(CtfAdamUpdate, ctfAdamUpdate);
