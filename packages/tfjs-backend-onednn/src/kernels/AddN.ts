import { AddN, type AddNInputs, type TensorInfo } from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

/** AddN of same-shape float32 tensors, natively. */
export function addN(args: OneDnnKernelArgs<AddNInputs, unknown>): TensorInfo {
  const { inputs, backend } = args;
  const tensors = inputs as unknown as TensorInfo[];
  const values = tensors.map((t) =>
    t.dtype === 'float32' ? backend.float32(t.dataId) : undefined,
  );
  const first = tensors[0];
  const sameShape = tensors.every(
    (t) =>
      first !== undefined &&
      t.shape.length === first.shape.length &&
      t.shape.every((d, i) => d === first.shape[i]),
  );
  if (first === undefined || !sameShape || values.some((v) => v === undefined)) {
    return runCpuKernelSingle(AddN, args);
  }
  const arrays = values as Float32Array[];
  const n = arrays[0]?.length ?? 0;
  const out = backend.allocate(n);
  backend.native.addN(arrays, out, n);
  return backend.makeTensorInfo(first.shape, 'float32', out);
}

/** Kernel config: AddN on `onednn`. */
export const addNConfig = oneDnnKernel(AddN, addN);
