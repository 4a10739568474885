import { slice_util, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { OneDnnBackend } from '../../backend/onednn-backend';

/**
 * A native strided copy of x[begin : begin + size], or undefined when the
 * slice is contiguous (tfjs-backend-cpu then returns a view without copying)
 * or x is not float32.
 */
export function sliceNative(
  backend: OneDnnBackend,
  x: TensorInfo,
  begin: number[],
  size: number[],
): TensorInfo | undefined {
  if (x.dtype !== 'float32' || slice_util.isSliceContinous(x.shape, begin, size)) return undefined;
  const values = backend.float32(x.dataId);
  if (values === undefined) return undefined;
  const out = backend.allocate(util.sizeFromShape(size));
  backend.native.slice(values, x.shape, begin, size, out);
  return backend.makeTensorInfo(size, 'float32', out);
}
