import { CtfAdamUpdate, type CtfAdamUpdateAttrs, CtfMultiAdamUpdate } from '@ct-fracture/core';
import { type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { AdamUpdateManyOptions } from '../addon/addon-types';
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

/** A parameter's four inputs (param, grad, m, v): float32 values of one shape. */
interface CheckedInput {
  values: Float32Array;
  shape: number[];
}

/**
 * The values of param, grad, m and v.
 * @throws {OneDnnError} `kernel-failed` unless all four are float32 of one shape.
 */
function checkedParameter(
  backend: OneDnnKernelArgs<unknown, unknown>['backend'],
  kernelName: string,
  tensors: readonly (TensorInfo | undefined)[],
): CheckedInput[] {
  const shape = tensors[0]?.shape;
  const values = tensors.map((t) =>
    t?.dtype === 'float32' ? backend.float32(t.dataId) : undefined,
  );
  if (
    shape === undefined ||
    tensors.length !== 4 ||
    values.some((v) => v === undefined) ||
    tensors.some((t) => t === undefined || !util.arraysEqual(t.shape, shape))
  ) {
    throw new OneDnnError({
      code: 'kernel-failed',
      message: `${kernelName} needs float32 param, grad, m and v of one shape, got ${tensors.map((t) => (t === undefined ? 'none' : `${t.dtype}[${t.shape}]`)).join(', ')}`,
      where: kernelName,
    });
  }
  return values.map((v) => ({ values: v as Float32Array, shape: [...shape] }));
}

/** One parameter's update: [param', m', v']. */
function updateParameter(
  backend: OneDnnKernelArgs<unknown, unknown>['backend'],
  attrs: CtfAdamUpdateAttrs,
  kernelName: string,
  tensors: readonly (TensorInfo | undefined)[],
): TensorInfo[] {
  const [param, grad, m, v] = checkedParameter(backend, kernelName, tensors) as [
    CheckedInput,
    CheckedInput,
    CheckedInput,
    CheckedInput,
  ];
  const n = util.sizeFromShape(param.shape);
  const outputs = [backend.allocate(n), backend.allocate(n), backend.allocate(n)] as const;
  backend.native.adamUpdate(
    param.values,
    grad.values,
    m.values,
    v.values,
    n,
    hyperparameters(attrs),
    ...outputs,
  );
  return outputs.map((out) => backend.makeTensorInfo(param.shape, 'float32', out));
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
  const lists: AdamUpdateManyOptions = {
    lengths: [],
    param: [],
    grad: [],
    m: [],
    v: [],
    paramOut: [],
    mOut: [],
    vOut: [],
    hyperparameters: hyperparameters(attrs),
  };
  // Every parameter checked before any output is taken from the pool.
  const checked: CheckedInput[][] = [];
  for (let k = 0; ; k++) {
    const suffix = k === 0 ? '' : String(k);
    if (inputs[`param${suffix}`] === undefined) break;
    checked.push(
      checkedParameter(
        backend,
        CtfMultiAdamUpdate,
        ['param', 'grad', 'm', 'v'].map((name) => inputs[`${name}${suffix}`]),
      ),
    );
  }
  const shapes: number[][] = [];
  for (const [param, grad, m, v] of checked as [
    CheckedInput,
    CheckedInput,
    CheckedInput,
    CheckedInput,
  ][]) {
    const n = util.sizeFromShape(param.shape);
    lists.lengths.push(n);
    lists.param.push(param.values);
    lists.grad.push(grad.values);
    lists.m.push(m.values);
    lists.v.push(v.values);
    lists.paramOut.push(backend.allocate(n));
    lists.mOut.push(backend.allocate(n));
    lists.vOut.push(backend.allocate(n));
    shapes.push(param.shape);
  }
  // One native call for every parameter: the same values as one adamUpdate each.
  if (shapes.length !== 0) backend.native.adamUpdateMany(lists);
  const outputs: TensorInfo[] = [];
  shapes.forEach((shape, k) => {
    for (const out of [lists.paramOut[k], lists.mOut[k], lists.vOut[k]]) {
      outputs.push(backend.makeTensorInfo(shape, 'float32', out as Float32Array));
    }
  });
  return outputs;
}

/** Kernel config: CtfAdamUpdate on `onednn`. */
export const ctfAdamUpdateConfig = oneDnnKernel(CtfAdamUpdate, ctfAdamUpdate);

/** Kernel config: CtfMultiAdamUpdate on `onednn`. */
export const ctfMultiAdamUpdateConfig = oneDnnKernel(CtfMultiAdamUpdate, ctfMultiAdamUpdate);
