import { Mean, type MeanAttrs, type MeanInputs, type TensorInfo } from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';
import { reduceNative } from './shared/reduce-native';

/** Mean of float32 over contiguous axes (global average pooling), natively. */
export function mean(args: OneDnnKernelArgs<MeanInputs, MeanAttrs>): TensorInfo {
  const { x } = args.inputs;
  const out =
    x === undefined
      ? undefined
      : reduceNative(args.backend, x, args.attrs.axis, args.attrs.keepDims, true);
  return out ?? runCpuKernelSingle(Mean, args);
}

/** Kernel config: Mean on `onednn`. */
export const meanConfig = oneDnnKernel(Mean, mean);
