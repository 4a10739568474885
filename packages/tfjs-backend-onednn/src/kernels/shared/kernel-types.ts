import type {
  KernelConfig,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import type { OneDnnBackend } from '../../backend/onednn-backend';

/** The arguments tfjs hands a kernel of this backend. */
export interface OneDnnKernelArgs<I = NamedTensorInfoMap, A = NamedAttrMap> {
  inputs: I;
  backend: OneDnnBackend;
  attrs: A;
}

/** Registers `kernelFunc` for `kernelName` on the `onednn` backend. */
export function oneDnnKernel<I, A>(
  kernelName: string,
  kernelFunc: (args: OneDnnKernelArgs<I, A>) => TensorInfo | TensorInfo[],
): KernelConfig {
  return {
    kernelName,
    backendName: 'onednn',
    kernelFunc: kernelFunc as unknown as KernelConfig['kernelFunc'],
  };
}
