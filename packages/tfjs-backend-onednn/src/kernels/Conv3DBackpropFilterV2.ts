import {
  backend_util,
  Conv3DBackpropFilterV2,
  type Conv3DBackpropFilterV2Attrs,
  type Conv3DBackpropFilterV2Inputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { convGeometry, isNativeFriendly } from './shared/geometry';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

type Shape5 = [number, number, number, number, number];

/** The gradient of Conv3D with respect to its filter, on oneDNN. */
export function conv3DBackpropFilterV2(
  args: OneDnnKernelArgs<Conv3DBackpropFilterV2Inputs, Conv3DBackpropFilterV2Attrs>,
): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  if (x === undefined || dy === undefined) return runCpuKernelSingle(Conv3DBackpropFilterV2, args);
  const xValues = backend.float32(x.dataId);
  const dyValues = backend.float32(dy.dataId);
  const info = backend_util.computeConv3DInfo(
    x.shape as Shape5,
    attrs.filterShape as Shape5,
    attrs.strides,
    1,
    attrs.pad,
  );
  if (xValues === undefined || dyValues === undefined || !isNativeFriendly(info, true)) {
    return runCpuKernelSingle(Conv3DBackpropFilterV2, args);
  }
  const dw = backend.allocate(info.filterShape.reduce((a, b) => a * b, 1));
  backend.native.conv3dBackwardWeights(xValues, dyValues, dw, convGeometry(info));
  return backend.makeTensorInfo(info.filterShape, 'float32', dw);
}

/** Kernel config: Conv3DBackpropFilterV2 on `onednn`. */
export const conv3DBackpropFilterV2Config = oneDnnKernel(
  Conv3DBackpropFilterV2,
  conv3DBackpropFilterV2,
);
