import { CtfAdamUpdate, type CtfAdamUpdateAttrs, CtfMultiAdamUpdate } from '@ct-fracture/core';
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
  return updateParameter(backend, attrs, CtfAdamUpdate, [
    inputs.param,
    inputs.grad,
    inputs.m,
    inputs.v,
  ]);
}

/** The step's hyperparameters as native/optim.cc reads them. */
function hyperparameters(attrs: CtfAdamUpdateAttrs): Float64Array {
  return Float64Array.of(
    attrs.learningRate,
    attrs.beta1,
    attrs.beta2,
    attrs.epsilon,
    attrs.step,
    attrs.weightDecay,
    attrs.decoupledWeightDecay ? 1 : 0,
  );
}

/** One parameter's update: [param', m', v']. */
function updateParameter(
  backend: OneDnnKernelArgs<unknown, unknown>['backend'],
  attrs: CtfAdamUpdateAttrs,
  kernelName: string,
  tensors: readonly (TensorInfo | undefined)[],
  hp: Float64Array = hyperparameters(attrs),
): TensorInfo[] {
  const values = tensors.map((t) =>
    t?.dtype === 'float32' ? backend.float32(t.dataId) : undefined,
  );
  const shape = tensors[0]?.shape;
  if (
    shape === undefined ||
    values.some((v) => v === undefined) ||
    tensors.some((t) => t === undefined || !util.arraysEqual(t.shape, shape))
  ) {
    throw new OneDnnError({
      code: 'kernel-failed',
      message: `${kernelName} needs float32 param, grad, m and v of one shape, got ${tensors.map((t) => (t === undefined ? 'none' : `${t.dtype}[${t.shape}]`)).join(', ')}`,
      where: kernelName,
    });
  }
  const [param, grad, m, v] = values as Float32Array[];
  const n = (param as Float32Array).length;
  const outputs = [backend.allocate(n), backend.allocate(n), backend.allocate(n)] as const;
  backend.native.adamUpdate(
    param as Float32Array,
    grad as Float32Array,
    m as Float32Array,
    v as Float32Array,
    n,
    hp,
    ...outputs,
  );
  return outputs.map((out) => backend.makeTensorInfo(shape, 'float32', out));
}

/**
 * CtfAdamUpdate for every parameter given (`param`, `grad`, `m`, `v`, `param1`, …), natively:
 * returns [param', m', v'] of each in turn.
 * @throws {OneDnnError} `kernel-failed` unless each parameter's four inputs are float32 of one shape.
 */
export function ctfMultiAdamUpdate(
  args: OneDnnKernelArgs<Record<string, TensorInfo | undefined>, CtfAdamUpdateAttrs>,
): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const hp = hyperparameters(attrs);
  const outputs: TensorInfo[] = [];
  for (let k = 0; ; k++) {
    const suffix = k === 0 ? '' : String(k);
    if (inputs[`param${suffix}`] === undefined) break;
    outputs.push(
      ...updateParameter(
        backend,
        attrs,
        CtfMultiAdamUpdate,
        ['param', 'grad', 'm', 'v'].map((name) => inputs[`${name}${suffix}`]),
        hp,
      ),
    );
  }
  return outputs;
}

/** Kernel config: CtfAdamUpdate on `onednn`. */
export const ctfAdamUpdateConfig = oneDnnKernel(CtfAdamUpdate, ctfAdamUpdate);

/** Kernel config: CtfMultiAdamUpdate on `onednn`. */
export const ctfMultiAdamUpdateConfig = oneDnnKernel(CtfMultiAdamUpdate, ctfMultiAdamUpdate);
