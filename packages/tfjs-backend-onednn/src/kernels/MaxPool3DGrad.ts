import {
  MaxPool3DGrad,
  type MaxPool3DGradAttrs,
  type MaxPool3DGradInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';
import { poolBackward } from './shared/pool-kernel';

/** MaxPool3DGrad (NDHWC) on oneDNN, with tfjs-backend-cpu's semantics. */
export function maxPool3DGrad(
  args: OneDnnKernelArgs<MaxPool3DGradInputs, MaxPool3DGradAttrs>,
): TensorInfo {
  const { dy, input } = args.inputs;
  const out =
    dy === undefined || input === undefined
      ? undefined
      : poolBackward('max', args.backend, dy, input, args.attrs);
  return out ?? runCpuKernelSingle(MaxPool3DGrad, args);
}

/** Kernel config: MaxPool3DGrad on `onednn`. */
export const maxPool3DGradConfig = oneDnnKernel(MaxPool3DGrad, maxPool3DGrad);
