import { getKernel, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { OneDnnError } from '../../errors/onednn-error';
import type { OneDnnKernelArgs } from './kernel-types';

/**
 * Runs tfjs-backend-cpu's kernel for `kernelName` on this backend (it shares the
 * cpu backend's storage): the path for inputs a native kernel does not cover
 * (other dtypes, broadcasts, layouts).
 * @throws {OneDnnError} `kernel-failed` when no cpu kernel is registered under that name.
 */
export function runCpuKernel(
  kernelName: string,
  args: OneDnnKernelArgs<unknown, unknown>,
): TensorInfo | TensorInfo[] {
  const config = getKernel(kernelName, 'cpu');
  if (config === undefined) {
    throw new OneDnnError({
      code: 'kernel-failed',
      message: `kernel ${kernelName} must have a tfjs-backend-cpu fallback, but none is registered`,
      where: kernelName,
    });
  }
  return (config.kernelFunc as KernelFunc)(args as Parameters<KernelFunc>[0]);
}

/** Like runCpuKernel for kernels with exactly one output. */
export function runCpuKernelSingle(
  kernelName: string,
  args: OneDnnKernelArgs<unknown, unknown>,
): TensorInfo {
  return runCpuKernel(kernelName, args) as TensorInfo;
}
