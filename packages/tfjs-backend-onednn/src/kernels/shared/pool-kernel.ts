import { backend_util, type TensorInfo } from '@tensorflow/tfjs-core';
import type { OneDnnBackend } from '../../backend/onednn-backend';
import { isNativeFriendly, poolGeometry } from './geometry';

type Shape5 = [number, number, number, number, number];

/** The attributes MaxPool3D, AvgPool3D and their gradients share. */
export interface Pool3DAttrsLike {
  filterSize: [number, number, number] | number;
  strides: [number, number, number] | number;
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** tfjs's pooling geometry for x, or undefined when the native kernel cannot run it. */
export function poolInfo(
  x: TensorInfo,
  attrs: Pool3DAttrsLike,
): backend_util.Conv3DInfo | undefined {
  if (x.shape.length !== 5) return undefined;
  const info = backend_util.computePool3DInfo(
    x.shape as Shape5,
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  return isNativeFriendly(info) ? info : undefined;
}

/** Runs a native pooling forward pass; undefined when it cannot (caller falls back). */
export function poolForward(
  kind: 'max' | 'avg',
  backend: OneDnnBackend,
  x: TensorInfo,
  attrs: Pool3DAttrsLike,
): TensorInfo | undefined {
  const info = poolInfo(x, attrs);
  const xValues = backend.float32(x.dataId);
  if (info === undefined || xValues === undefined) return undefined;
  const y = backend.allocate(info.outShape.reduce((a, b) => a * b, 1));
  backend.native.pool3dForward(kind, xValues, y, poolGeometry(info));
  return backend.makeTensorInfo(info.outShape, 'float32', y);
}

/** Runs a native pooling backward pass; undefined when it cannot (caller falls back). */
export function poolBackward(
  kind: 'max' | 'avg',
  backend: OneDnnBackend,
  dy: TensorInfo,
  input: TensorInfo,
  attrs: Pool3DAttrsLike,
): TensorInfo | undefined {
  const info = poolInfo(input, attrs);
  const dyValues = backend.float32(dy.dataId);
  const xValues = backend.float32(input.dataId);
  if (info === undefined || dyValues === undefined || xValues === undefined) return undefined;
  const dx = backend.allocate(info.inShape.reduce((a, b) => a * b, 1));
  backend.native.pool3dBackward(kind, dyValues, xValues, dx, poolGeometry(info));
  return backend.makeTensorInfo(info.inShape, 'float32', dx);
}
