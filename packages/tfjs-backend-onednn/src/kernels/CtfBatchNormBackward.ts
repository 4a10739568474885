import { type CtfBatchNormAttrs, CtfBatchNormBackward } from '@ct-fracture/core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { runCpuKernel } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

/** Inputs of CtfBatchNormBackward. */
export interface CtfBatchNormBackwardInputs {
  dy?: TensorInfo;
  x?: TensorInfo;
  scale?: TensorInfo;
  mean?: TensorInfo;
  variance?: TensorInfo;
}

/**
 * The gradient of training-mode batch normalisation, natively:
 * returns [dx, dScale, dOffset].
 */
export function ctfBatchNormBackward(
  args: OneDnnKernelArgs<CtfBatchNormBackwardInputs, CtfBatchNormAttrs>,
): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { dy, x, scale, mean, variance } = inputs;
  const channels = x?.shape[x.shape.length - 1] ?? 0;
  const f32 = (t: TensorInfo | undefined) =>
    t?.dtype === 'float32' ? backend.float32(t.dataId) : undefined;
  const [dyValues, xValues, scaleValues, meanValues, varianceValues] = [
    dy,
    x,
    scale,
    mean,
    variance,
  ].map(f32);
  if (
    x === undefined ||
    x.shape.length < 2 ||
    channels === 0 ||
    xValues === undefined ||
    xValues.length === 0 ||
    dyValues?.length !== xValues.length ||
    scaleValues?.length !== channels ||
    meanValues?.length !== channels ||
    varianceValues?.length !== channels
  ) {
    return runCpuKernel(CtfBatchNormBackward, args) as TensorInfo[];
  }
  const rows = xValues.length / channels;
  const dx = backend.allocate(xValues.length);
  const dScale = new Float32Array(channels);
  const dOffset = new Float32Array(channels);
  backend.native.batchNormBackward(
    dyValues,
    xValues,
    rows,
    channels,
    scaleValues,
    meanValues,
    varianceValues,
    attrs.epsilon,
    dx,
    dScale,
    dOffset,
  );
  return [
    backend.makeTensorInfo(x.shape, 'float32', dx),
    backend.makeTensorInfo([channels], 'float32', dScale),
    backend.makeTensorInfo([channels], 'float32', dOffset),
  ];
}

/** Kernel config: CtfBatchNormBackward on `onednn`. */
export const ctfBatchNormBackwardConfig = oneDnnKernel(CtfBatchNormBackward, ctfBatchNormBackward);
