import {
  CtfAdamUpdate,
  type CtfAdamUpdateAttrs,
  CtfMultiAdamUpdate,
  type CtfMultiAdamUpdateAttrs,
} from '@ct-fracture/core';
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

/**
 * The values of param, grad, m and v (float32, of one shape).
 * @throws {OneDnnError} `kernel-failed` unless all four are float32 of one shape.
 */
function checkedParameter(
  backend: OneDnnKernelArgs<unknown, unknown>['backend'],
  kernelName: string,
  tensors: readonly (TensorInfo | undefined)[],
): Float32Array[] {
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
  return values as Float32Array[];
}

/** One parameter's update: [param', m', v']. */
function updateParameter(
  backend: OneDnnKernelArgs<unknown, unknown>['backend'],
  attrs: CtfAdamUpdateAttrs,
  kernelName: string,
  tensors: readonly (TensorInfo | undefined)[],
): TensorInfo[] {
  const [param, grad, m, v] = checkedParameter(backend, kernelName, tensors) as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  const shape = (tensors[0] as TensorInfo).shape;
  const n = util.sizeFromShape(shape);
  const outputs = [backend.allocate(n), backend.allocate(n), backend.allocate(n)] as const;
  backend.native.adamUpdate(param, grad, m, v, n, hyperparameters(attrs), ...outputs);
  return outputs.map((out) => backend.makeTensorInfo(shape, 'float32', out));
}

/**
 * CtfAdamUpdate for every parameter given (`param`, `grad`, `m`, `v`, `param1`, …), in one
 * native call: returns [param', m', v'] of each in turn. With `inPlace`, a parameter whose
 * param, m and v nothing else can see (BufferPool.exclusive, one tensor each, no other input
 * viewing them) is updated in those buffers: returns an int32 flag per parameter (1: in place)
 * and then [param', m', v'] of each parameter whose flag is 0.
 * @throws {OneDnnError} `kernel-failed` unless each parameter's four inputs are float32 of one shape.
 */
export function ctfMultiAdamUpdate(
  args: OneDnnKernelArgs<Record<string, TensorInfo | undefined>, CtfMultiAdamUpdateAttrs>,
): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  // Every parameter checked before any output is taken from the pool (each parameter's
  // param, grad, m, v in turn: `infos[4k + j]`, `values[4k + j]`).
  const infos: TensorInfo[] = [];
  const values: Float32Array[] = [];
  const shapes: number[][] = [];
  for (let k = 0; ; k++) {
    const suffix = k === 0 ? '' : String(k);
    const param = inputs[`param${suffix}`];
    if (param === undefined) break;
    const four = [param, inputs[`grad${suffix}`], inputs[`m${suffix}`], inputs[`v${suffix}`]];
    const checked = checkedParameter(backend, CtfMultiAdamUpdate, four);
    for (let j = 0; j < 4; j++) {
      infos.push(four[j] as TensorInfo);
      values.push(checked[j] as Float32Array);
    }
    shapes.push(param.shape);
  }
  const count = shapes.length;
  // With inPlace, a parameter whose param, m and v no one else can see is updated in their
  // own buffers (flag 1, no outputs); the others get new buffers (flag 0, three outputs).
  const inPlace = attrs.inPlace === true;
  const flags = new Int32Array(count);
  if (inPlace) {
    // How many inputs view each buffer: one updated in place must be viewed once.
    const seen = new Map<ArrayBufferLike, number>();
    for (const v of values) seen.set(v.buffer, (seen.get(v.buffer) ?? 0) + 1);
    for (let k = 0; k < count; k++) {
      let own = true;
      for (const j of [0, 2, 3]) {
        const v = backend.writableInPlace((infos[4 * k + j] as TensorInfo).dataId);
        if (v === undefined || seen.get(v.buffer) !== 1) {
          own = false;
          break;
        }
      }
      if (own) flags[k] = 1;
    }
  }
  const lists: AdamUpdateManyOptions = {
    lengths: new Array<number>(count),
    param: new Array<Float32Array>(count),
    grad: new Array<Float32Array>(count),
    m: new Array<Float32Array>(count),
    v: new Array<Float32Array>(count),
    paramOut: new Array<Float32Array>(count),
    mOut: new Array<Float32Array>(count),
    vOut: new Array<Float32Array>(count),
    hyperparameters: hyperparameters(attrs),
  };
  for (let k = 0; k < count; k++) {
    const param = values[4 * k] as Float32Array;
    const m = values[4 * k + 2] as Float32Array;
    const v = values[4 * k + 3] as Float32Array;
    const n = util.sizeFromShape(shapes[k] as number[]);
    lists.lengths[k] = n;
    lists.param[k] = param;
    lists.grad[k] = values[4 * k + 1] as Float32Array;
    lists.m[k] = m;
    lists.v[k] = v;
    if (flags[k] === 1) {
      lists.paramOut[k] = param;
      lists.mOut[k] = m;
      lists.vOut[k] = v;
      continue;
    }
    lists.paramOut[k] = backend.allocate(n);
    lists.mOut[k] = backend.allocate(n);
    lists.vOut[k] = backend.allocate(n);
  }
  // One native call for every parameter: the same values as one adamUpdate each.
  if (count !== 0) backend.native.adamUpdateMany(lists);
  const outputs: TensorInfo[] = [];
  if (inPlace) outputs.push(backend.makeTensorInfo([count], 'int32', flags));
  for (let k = 0; k < count; k++) {
    if (flags[k] === 1) continue;
    const shape = shapes[k] as number[];
    for (const out of [lists.paramOut[k], lists.mOut[k], lists.vOut[k]]) {
      outputs.push(backend.makeTensorInfo(shape, 'float32', out as Float32Array));
    }
  }
  return outputs;
}

/** Kernel config: CtfAdamUpdate on `onednn`. */
export const ctfAdamUpdateConfig = oneDnnKernel(CtfAdamUpdate, ctfAdamUpdate);

/** Kernel config: CtfMultiAdamUpdate on `onednn`. */
export const ctfMultiAdamUpdateConfig = oneDnnKernel(CtfMultiAdamUpdate, ctfMultiAdamUpdate);
