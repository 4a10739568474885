import {
  backend_util,
  SplitV,
  type SplitVAttrs,
  type SplitVInputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { runCpuKernel, runCpuKernelSingle } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';
import { sliceNative } from './shared/slice-native';

/** SplitV (the gradient of Concat): one native slice per part. */
export function splitV(args: OneDnnKernelArgs<SplitVInputs, SplitVAttrs>): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  if (x === undefined || x.dtype !== 'float32') return runCpuKernel(SplitV, args) as TensorInfo[];
  const axis = util.parseAxisParam(attrs.axis, x.shape)[0] ?? 0;
  const sizes = backend_util.prepareSplitSize(x, attrs.numOrSizeSplits, axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((part) => {
    const size = [...x.shape];
    size[axis] = part;
    const start = [...begin];
    begin[axis] = (begin[axis] ?? 0) + part;
    return (
      sliceNative(backend, x, start, size) ??
      runCpuKernelSingle('Slice', { inputs: { x }, backend, attrs: { begin: start, size } })
    );
  });
}

/** Kernel config: SplitV on `onednn`. */
export const splitVConfig = oneDnnKernel(SplitV, splitV);
