import {
  AvgPool3DGrad,
  type AvgPool3DGradAttrs,
  type AvgPool3DGradInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';
import { poolBackward } from './shared/pool-kernel';

/** AvgPool3DGrad (NDHWC) on oneDNN, with tfjs-backend-cpu's semantics. */
export function avgPool3DGrad(
  args: OneDnnKernelArgs<AvgPool3DGradInputs, AvgPool3DGradAttrs>,
): TensorInfo {
  const { dy, input } = args.inputs;
  const out =
    dy === undefined || input === undefined
      ? undefined
      : poolBackward('avg', args.backend, dy, input, args.attrs);
  return out ?? runCpuKernelSingle(AvgPool3DGrad, args);
}

/** Kernel config: AvgPool3DGrad on `onednn`. */
export const avgPool3DGradConfig = oneDnnKernel(AvgPool3DGrad, avgPool3DGrad);
