import {
  FusedBatchNorm,
  type FusedBatchNormAttrs,
  type FusedBatchNormInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runCpuKernelSingle } from './shared/cpu-fallback';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

/** A per-channel parameter as C values (a single value is repeated), or undefined when it is neither. */
function perChannel(
  values: Float32Array | undefined,
  channels: number,
  fill: number,
): Float32Array | undefined {
  if (values === undefined) return new Float32Array(channels).fill(fill);
  if (values.length === channels) return values;
  if (values.length === 1) return new Float32Array(channels).fill(values[0] ?? fill);
  return undefined;
}

/**
 * FusedBatchNorm (tf.batchNorm: inference with running statistics) over the last axis,
 * natively: y = (x − mean) · scale / sqrt(variance + ε) + offset. Other parameter shapes go
 * to the cpu kernel.
 */
export function fusedBatchNorm(
  args: OneDnnKernelArgs<FusedBatchNormInputs, FusedBatchNormAttrs>,
): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, mean, variance, scale, offset } = inputs;
  const channels = x?.shape[x.shape.length - 1] ?? 0;
  const f32 = (t: TensorInfo | undefined) =>
    t?.dtype === 'float32' ? backend.float32(t.dataId) : undefined;
  const xValues = f32(x);
  const meanValues = perChannel(f32(mean), channels, 0);
  const varianceValues = perChannel(f32(variance), channels, 1);
  const scaleValues =
    scale === undefined ? perChannel(undefined, channels, 1) : perChannel(f32(scale), channels, 1);
  const offsetValues =
    offset === undefined
      ? perChannel(undefined, channels, 0)
      : perChannel(f32(offset), channels, 0);
  if (
    x === undefined ||
    mean === undefined ||
    variance === undefined ||
    channels === 0 ||
    xValues === undefined ||
    xValues.length === 0 ||
    meanValues === undefined ||
    varianceValues === undefined ||
    scaleValues === undefined ||
    offsetValues === undefined
  ) {
    return runCpuKernelSingle(FusedBatchNorm, args);
  }
  const epsilon = attrs.varianceEpsilon ?? 0.001;
  const multiplier = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    multiplier[c] = (scaleValues[c] ?? 1) / Math.sqrt((varianceValues[c] ?? 1) + epsilon);
  }
  const y = backend.allocate(xValues.length);
  backend.native.batchNormInference(
    xValues,
    xValues.length / channels,
    channels,
    meanValues,
    multiplier,
    offsetValues,
    y,
  );
  return backend.makeTensorInfo(x.shape, 'float32', y);
}

/** Kernel config: FusedBatchNorm on `onednn`. */
export const fusedBatchNormConfig = oneDnnKernel(FusedBatchNorm, fusedBatchNorm);
