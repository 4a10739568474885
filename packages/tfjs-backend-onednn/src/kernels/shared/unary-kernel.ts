import type { KernelConfig, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './kernel-types';

/** The element-wise maps native/eltwise.cc implements. */
export type UnaryOp =
  | 'relu'
  | 'step'
  | 'sqrt'
  | 'rsqrt'
  | 'square'
  | 'neg'
  | 'abs'
  | 'exp'
  | 'log'
  | 'reciprocal'
  | 'sigmoid';

/**
 * A kernel mapping a float32 tensor element by element natively (other dtypes
 * go to tfjs-backend-cpu). `alpha` reads the `alpha` attribute (Step).
 */
export function unaryKernelConfig(kernelName: string, op: UnaryOp): KernelConfig {
  const kernelFunc = (args: OneDnnKernelArgs<{ x?: TensorInfo }, NamedAttrMap>): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const x = inputs.x;
    const values = x === undefined || x.dtype !== 'float32' ? undefined : backend.float32(x.dataId);
    if (x === undefined || values === undefined) return runCpuKernelSingle(kernelName, args);
    const out = backend.allocate(values.length);
    const alpha = typeof attrs?.alpha === 'number' ? attrs.alpha : 0;
    backend.native.unary(op, values, out, values.length, alpha);
    return backend.makeTensorInfo(x.shape, 'float32', out);
  };
  return oneDnnKernel(kernelName, kernelFunc);
}
