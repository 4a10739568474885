import {
  AvgPool3D,
  type AvgPool3DAttrs,
  type AvgPool3DInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';
import { poolForward } from './shared/pool-kernel';

/** AvgPool3D (NDHWC) on oneDNN, with tfjs-backend-cpu's padding semantics. */
export function avgPool3D(args: OneDnnKernelArgs<AvgPool3DInputs, AvgPool3DAttrs>): TensorInfo {
  const { x } = args.inputs;
  const out = x === undefined ? undefined : poolForward('avg', args.backend, x, args.attrs);
  return out ?? runCpuKernelSingle(AvgPool3D, args);
}

/** Kernel config: AvgPool3D on `onednn`. */
export const avgPool3DConfig = oneDnnKernel(AvgPool3D, avgPool3D);
