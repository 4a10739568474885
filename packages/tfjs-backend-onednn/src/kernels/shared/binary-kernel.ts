import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { planBinary } from './broadcast-plan';
import { runCpuKernelSingle } from './cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './kernel-types';

/** The binary ops native/eltwise.cc implements. */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'maximum' | 'minimum' | 'squaredDifference';

/**
 * A kernel for a broadcasting float32 binary op, run natively for the
 * broadcasts planBinary covers; everything else goes to tfjs-backend-cpu.
 */
export function binaryKernelConfig(kernelName: string, op: BinaryOp): KernelConfig {
  const kernelFunc = (
    args: OneDnnKernelArgs<{ a?: TensorInfo; b?: TensorInfo }, unknown>,
  ): TensorInfo => {
    const { inputs, backend } = args;
    const { a, b } = inputs;
    if (a === undefined || b === undefined || a.dtype !== 'float32' || b.dtype !== 'float32') {
      return runCpuKernelSingle(kernelName, args);
    }
    const aValues = backend.float32(a.dataId);
    const bValues = backend.float32(b.dataId);
    const plan = planBinary(a.shape, b.shape);
    if (aValues === undefined || bValues === undefined || plan === undefined) {
      return runCpuKernelSingle(kernelName, args);
    }
    const block = plan.rows * plan.cols;
    const out = backend.allocate(plan.outer * block);
    if (plan.outer === 1) {
      backend.native.binary(
        op,
        aValues,
        plan.aMode,
        bValues,
        plan.bMode,
        out,
        plan.rows,
        plan.cols,
      );
    } else {
      const aBlock = aValues.length / plan.outer;
      const bBlock = bValues.length / plan.outer;
      for (let r = 0; r < plan.outer; r++) {
        backend.native.binary(
          op,
          aValues.subarray(r * aBlock, (r + 1) * aBlock),
          plan.aMode,
          bValues.subarray(r * bBlock, (r + 1) * bBlock),
          plan.bMode,
          out.subarray(r * block, (r + 1) * block),
          plan.rows,
          plan.cols,
        );
      }
    }
    return backend.makeTensorInfo(plan.outShape, 'float32', out);
  };
  return oneDnnKernel(kernelName, kernelFunc);
}
