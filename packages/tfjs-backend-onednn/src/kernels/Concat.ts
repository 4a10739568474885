import {
  backend_util,
  Concat,
  type ConcatAttrs,
  type ConcatInputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

/**
 * Concat of float32 tensors along any axis: each input is viewed as
 * [rows, width] (rows = product of the axes before `axis`) and copied natively.
 */
export function concat(args: OneDnnKernelArgs<ConcatInputs, ConcatAttrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const tensors = (inputs as unknown as TensorInfo[]).filter(
    (t) => util.sizeFromShape(t.shape) > 0,
  );
  const first = tensors[0];
  if (first === undefined || tensors.length < 2 || tensors.some((t) => t.dtype !== 'float32')) {
    return runCpuKernelSingle(Concat, args);
  }
  const axis = util.parseAxisParam(attrs.axis, first.shape)[0] ?? 0;
  const values = tensors.map((t) => backend.float32(t.dataId));
  if (values.some((v) => v === undefined)) return runCpuKernelSingle(Concat, args);
  backend_util.assertParamsConsistent(
    tensors.map((t) => t.shape),
    axis,
  );
  const outShape = backend_util.computeOutShape(
    tensors.map((t) => t.shape),
    axis,
  );
  const rows = util.sizeFromShape(first.shape.slice(0, axis));
  const widths = tensors.map((t) => util.sizeFromShape(t.shape.slice(axis)));
  const out = backend.allocate(util.sizeFromShape(outShape));
  backend.native.concat(values as Float32Array[], widths, rows, out);
  return backend.makeTensorInfo(outShape, 'float32', out);
}

/** Kernel config: Concat on `onednn`. */
export const concatConfig = oneDnnKernel(Concat, concat);
