import {
  MaxPool3D,
  type MaxPool3DAttrs,
  type MaxPool3DInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';
import { poolForward } from './shared/pool-kernel';

/** MaxPool3D (NDHWC) on oneDNN, with tfjs-backend-cpu's padding semantics. */
export function maxPool3D(args: OneDnnKernelArgs<MaxPool3DInputs, MaxPool3DAttrs>): TensorInfo {
  const { x } = args.inputs;
  const out = x === undefined ? undefined : poolForward('max', args.backend, x, args.attrs);
  return out ?? runCpuKernelSingle(MaxPool3D, args);
}

/** Kernel config: MaxPool3D on `onednn`. */
export const maxPool3DConfig = oneDnnKernel(MaxPool3D, maxPool3D);
