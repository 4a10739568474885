import {
  Slice,
  type SliceAttrs,
  type SliceInputs,
  slice_util,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';
import { sliceNative } from './shared/slice-native';

/** Slice: strided float32 slices natively, contiguous ones as tfjs-backend-cpu's zero-copy views. */
export function slice(args: OneDnnKernelArgs<SliceInputs, SliceAttrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  if (x === undefined) return runCpuKernelSingle(Slice, args);
  const [begin, size] = slice_util.parseSliceParams(x, attrs.begin, attrs.size);
  slice_util.assertParamsValid(x, begin, size);
  return sliceNative(backend, x, begin, size) ?? runCpuKernelSingle(Slice, args);
}

/** Kernel config: Slice on `onednn`. */
export const sliceConfig = oneDnnKernel(Slice, slice);
