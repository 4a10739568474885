import {
  backend_util,
  Conv3D,
  type Conv3DAttrs,
  type Conv3DInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { convGeometry, isNativeFriendly } from './shared/geometry';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

type Shape5 = [number, number, number, number, number];

/** Conv3D (NDHWC input, [kd, kh, kw, in, out] filter) on oneDNN. */
export function conv3D(args: OneDnnKernelArgs<Conv3DInputs, Conv3DAttrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, filter } = inputs;
  if (x === undefined || filter === undefined) return runCpuKernelSingle(Conv3D, args);
  const xValues = backend.float32(x.dataId);
  const wValues = backend.float32(filter.dataId);
  const info = backend_util.computeConv3DInfo(
    x.shape as Shape5,
    filter.shape as Shape5,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
  );
  if (xValues === undefined || wValues === undefined || !isNativeFriendly(info, true)) {
    return runCpuKernelSingle(Conv3D, args);
  }
  const y = backend.allocate(info.outShape.reduce((a, b) => a * b, 1));
  backend.native.conv3dForward(xValues, wValues, y, convGeometry(info));
  return backend.makeTensorInfo(info.outShape, 'float32', y);
}

/** Kernel config: Conv3D on `onednn`. */
export const conv3DConfig = oneDnnKernel(Conv3D, conv3D);
