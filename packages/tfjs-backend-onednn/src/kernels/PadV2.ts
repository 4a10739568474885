import {
  PadV2,
  type PadV2Attrs,
  type PadV2Inputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

/** PadV2 (constant padding) of float32 tensors, natively. */
export function padV2(args: OneDnnKernelArgs<PadV2Inputs, PadV2Attrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const values = x === undefined || x.dtype !== 'float32' ? undefined : backend.float32(x.dataId);
  const paddings = attrs.paddings;
  if (
    x === undefined ||
    values === undefined ||
    x.shape.length === 0 ||
    paddings.length !== x.shape.length ||
    paddings.some(([before, after]) => before < 0 || after < 0)
  ) {
    return runCpuKernelSingle(PadV2, args);
  }
  const before = paddings.map((p) => p[0]);
  const after = paddings.map((p) => p[1]);
  const outShape = x.shape.map((d, i) => d + (before[i] ?? 0) + (after[i] ?? 0));
  const out = backend.allocate(util.sizeFromShape(outShape));
  backend.native.pad(values, x.shape, before, after, attrs.constantValue, out);
  return backend.makeTensorInfo(outShape, 'float32', out);
}

/** Kernel config: PadV2 on `onednn`. */
export const padV2Config = oneDnnKernel(PadV2, padV2);
