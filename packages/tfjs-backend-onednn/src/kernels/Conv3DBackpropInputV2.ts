import {
  backend_util,
  Conv3DBackpropInputV2,
  type Conv3DBackpropInputV2Attrs,
  type Conv3DBackpropInputV2Inputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { convGeometry, isNativeFriendly } from './shared/geometry';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

type Shape5 = [number, number, number, number, number];

/** The gradient of Conv3D with respect to its input, on oneDNN. */
export function conv3DBackpropInputV2(
  args: OneDnnKernelArgs<Conv3DBackpropInputV2Inputs, Conv3DBackpropInputV2Attrs>,
): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  if (dy === undefined || filter === undefined) {
    return runCpuKernelSingle(Conv3DBackpropInputV2, args);
  }
  const dyValues = backend.float32(dy.dataId);
  const wValues = backend.float32(filter.dataId);
  const info = backend_util.computeConv3DInfo(
    attrs.inputShape as Shape5,
    filter.shape as Shape5,
    attrs.strides,
    1,
    attrs.pad,
  );
  if (dyValues === undefined || wValues === undefined || !isNativeFriendly(info, true)) {
    return runCpuKernelSingle(Conv3DBackpropInputV2, args);
  }
  const dx = backend.allocate(info.inShape.reduce((a, b) => a * b, 1));
  backend.native.conv3dBackwardData(dyValues, wValues, dx, convGeometry(info));
  return backend.makeTensorInfo(info.inShape, 'float32', dx);
}

/** Kernel config: Conv3DBackpropInputV2 on `onednn`. */
export const conv3DBackpropInputV2Config = oneDnnKernel(
  Conv3DBackpropInputV2,
  conv3DBackpropInputV2,
);
