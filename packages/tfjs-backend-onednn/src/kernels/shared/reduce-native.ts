import { backend_util, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { OneDnnBackend } from '../../backend/onednn-backend';

/**
 * Sums (or averages, `mean`) a float32 tensor over `axis` natively when the
 * reduced axes are contiguous, e.g. [1, 2, 3] of [N, D, H, W, C] (global
 * average pooling); undefined otherwise (the caller falls back).
 */
export function reduceNative(
  backend: OneDnnBackend,
  x: TensorInfo,
  axis: number | number[],
  keepDims: boolean,
  mean: boolean,
): TensorInfo | undefined {
  if (x.dtype !== 'float32' || x.shape.length === 0) return undefined;
  const values = backend.float32(x.dataId);
  if (values === undefined) return undefined;
  const axes = [...util.parseAxisParam(axis, x.shape)].sort((p, q) => p - q);
  const first = axes[0];
  const last = axes[axes.length - 1];
  if (first === undefined || last === undefined || last - first !== axes.length - 1)
    return undefined;
  const outer = util.sizeFromShape(x.shape.slice(0, first));
  const reduce = util.sizeFromShape(x.shape.slice(first, last + 1));
  const inner = util.sizeFromShape(x.shape.slice(last + 1));
  if (outer === 0 || inner === 0 || reduce === 0) return undefined;
  const [reducedShape] = backend_util.computeOutAndReduceShapes(x.shape, axes);
  const outShape = keepDims ? backend_util.expandShapeToKeepDim(reducedShape, axes) : reducedShape;
  const out = backend.allocate(outer * inner);
  backend.native.reduceSum(values, outer, reduce, inner, mean ? 1 / reduce : 1, out);
  return backend.makeTensorInfo(outShape, 'float32', out);
}
