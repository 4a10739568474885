import { Sum, type SumAttrs, type SumInputs, type TensorInfo } from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';
import { reduceNative } from './shared/reduce-native';

/** Sum of float32 over contiguous axes, natively. */
export function sum(args: OneDnnKernelArgs<SumInputs, SumAttrs>): TensorInfo {
  const { x } = args.inputs;
  const out =
    x === undefined
      ? undefined
      : reduceNative(args.backend, x, args.attrs.axis, args.attrs.keepDims, false);
  return out ?? runCpuKernelSingle(Sum, args);
}

/** Kernel config: Sum on `onednn`. */
export const sumConfig = oneDnnKernel(Sum, sum);
