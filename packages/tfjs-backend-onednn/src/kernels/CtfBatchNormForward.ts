import { type CtfBatchNormAttrs, CtfBatchNormForward } from '@ct-fracture/core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { runCpuKernel } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

/** Inputs of CtfBatchNormForward. */
export interface CtfBatchNormForwardInputs {
  x?: TensorInfo;
  scale?: TensorInfo;
  offset?: TensorInfo;
}

/**
 * Training-mode batch normalisation over the last axis, natively:
 * returns [y, mean, variance] (variance biased).
 */
export function ctfBatchNormForward(
  args: OneDnnKernelArgs<CtfBatchNormForwardInputs, CtfBatchNormAttrs>,
): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x, scale, offset } = inputs;
  const channels = x?.shape[x.shape.length - 1] ?? 0;
  const xValues = x?.dtype === 'float32' ? backend.float32(x.dataId) : undefined;
  const scaleValues = scale?.dtype === 'float32' ? backend.float32(scale.dataId) : undefined;
  const offsetValues = offset?.dtype === 'float32' ? backend.float32(offset.dataId) : undefined;
  if (
    x === undefined ||
    x.shape.length < 2 ||
    channels === 0 ||
    xValues === undefined ||
    scaleValues?.length !== channels ||
    offsetValues?.length !== channels ||
    xValues.length === 0
  ) {
    return runCpuKernel(CtfBatchNormForward, args) as TensorInfo[];
  }
  const rows = xValues.length / channels;
  const y = backend.allocate(xValues.length);
  const mean = new Float32Array(channels);
  const variance = new Float32Array(channels);
  backend.native.batchNormForward(
    xValues,
    rows,
    channels,
    scaleValues,
    offsetValues,
    attrs.epsilon,
    y,
    mean,
    variance,
  );
  return [
    backend.makeTensorInfo(x.shape, 'float32', y),
    backend.makeTensorInfo([channels], 'float32', mean),
    backend.makeTensorInfo([channels], 'float32', variance),
  ];
}

/** Kernel config: CtfBatchNormForward on `onednn`. */
export const ctfBatchNormForwardConfig = oneDnnKernel(CtfBatchNormForward, ctfBatchNormForward);
