import {
  BatchMatMul,
  type BatchMatMulAttrs,
  type BatchMatMulInputs,
  broadcast_util,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

/**
 * BatchMatMul of float32 tensors on oneDNN's matmul, when the batch shapes are
 * equal or one side has a single batch; other broadcasts go to the cpu kernel.
 */
export function batchMatMul(
  args: OneDnnKernelArgs<BatchMatMulInputs, BatchMatMulAttrs>,
): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { a, b } = inputs;
  if (a === undefined || b === undefined || a.dtype !== 'float32' || b.dtype !== 'float32') {
    return runCpuKernelSingle(BatchMatMul, args);
  }
  const aValues = backend.float32(a.dataId);
  const bValues = backend.float32(b.dataId);
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (aValues === undefined || bValues === undefined || ra < 2 || rb < 2) {
    return runCpuKernelSingle(BatchMatMul, args);
  }
  const { transposeA, transposeB } = attrs;
  const m = transposeA ? (a.shape[ra - 1] ?? 0) : (a.shape[ra - 2] ?? 0);
  const kA = transposeA ? (a.shape[ra - 2] ?? 0) : (a.shape[ra - 1] ?? 0);
  const kB = transposeB ? (b.shape[rb - 1] ?? 0) : (b.shape[rb - 2] ?? 0);
  const n = transposeB ? (b.shape[rb - 2] ?? 0) : (b.shape[rb - 1] ?? 0);
  const batchShapeA = a.shape.slice(0, -2);
  const batchShapeB = b.shape.slice(0, -2);
  const batchA = util.sizeFromShape(batchShapeA);
  const batchB = util.sizeFromShape(batchShapeB);
  if (
    kA !== kB ||
    m === 0 ||
    n === 0 ||
    kA === 0 ||
    (batchA !== batchB && batchA !== 1 && batchB !== 1)
  ) {
    return runCpuKernelSingle(BatchMatMul, args);
  }
  const outBatchShape = broadcast_util.assertAndGetBroadcastShape(batchShapeA, batchShapeB);
  if (util.sizeFromShape(outBatchShape) !== Math.max(batchA, batchB)) {
    return runCpuKernelSingle(BatchMatMul, args);
  }
  const outShape = [...outBatchShape, m, n];
  const out = backend.allocate(util.sizeFromShape(outShape));
  backend.native.batchMatMul(aValues, bValues, out, {
    batchA,
    batchB,
    m,
    k: kA,
    n,
    transposeA,
    transposeB,
  });
  return backend.makeTensorInfo(outShape, 'float32', out);
}

/** Kernel config: BatchMatMul on `onednn`. */
export const batchMatMulConfig = oneDnnKernel(BatchMatMul, batchMatMul);
