import { CtfBatchNormBackward, CtfBatchNormForward } from '@ct-fracture/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';

type Info = tf.TensorInfo;

function values(backend: MathBackendCPU, info: Info): Float32Array {
  return backend.readSync(info.dataId) as Float32Array;
}

/** `CtfBatchNormForward` on typed arrays (float64 accumulation), as a native backend would. */
const forward: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const cpu = backend as MathBackendCPU;
  const { x, scale, offset } = inputs as { x: Info; scale: Info; offset: Info };
  const epsilon = (attrs as { epsilon: number }).epsilon;
  const data = values(cpu, x);
  const gamma = values(cpu, scale);
  const beta = values(cpu, offset);
  const channels = x.shape[x.shape.length - 1]!;
  const count = data.length / channels;
  const mean = new Float64Array(channels);
  const variance = new Float64Array(channels);
  for (let index = 0; index < data.length; index += 1) mean[index % channels]! += data[index]!;
  for (let c = 0; c < channels; c += 1) mean[c]! /= count;
  for (let index = 0; index < data.length; index += 1)
    variance[index % channels]! += (data[index]! - mean[index % channels]!) ** 2;
  for (let c = 0; c < channels; c += 1) variance[c]! /= count;
  const y = new Float32Array(data.length);
  for (let index = 0; index < data.length; index += 1) {
    const c = index % channels;
    y[index] =
      ((data[index]! - mean[c]!) / Math.sqrt(variance[c]! + epsilon)) * gamma[c]! + beta[c]!;
  }
  return [
    cpu.makeTensorInfo(x.shape, 'float32', y),
    cpu.makeTensorInfo([channels], 'float32', Float32Array.from(mean)),
    cpu.makeTensorInfo([channels], 'float32', Float32Array.from(variance)),
  ];
};

/** `CtfBatchNormBackward` on typed arrays. */
const backward: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const cpu = backend as MathBackendCPU;
  const { dy, x, scale, mean, variance } = inputs as Record<
    'dy' | 'x' | 'scale' | 'mean' | 'variance',
    Info
  >;
  const epsilon = (attrs as { epsilon: number }).epsilon;
  const dyData = values(cpu, dy);
  const data = values(cpu, x);
  const gamma = values(cpu, scale);
  const mu = values(cpu, mean);
  const sigma2 = values(cpu, variance);
  const channels = gamma.length;
  const count = data.length / channels;
  const inverse = Float64Array.from(sigma2, (v) => 1 / Math.sqrt(v + epsilon));
  const dOffset = new Float64Array(channels);
  const dScale = new Float64Array(channels);
  for (let index = 0; index < data.length; index += 1) {
    const c = index % channels;
    dOffset[c]! += dyData[index]!;
    dScale[c]! += dyData[index]! * (data[index]! - mu[c]!) * inverse[c]!;
  }
  const dx = new Float32Array(data.length);
  for (let index = 0; index < data.length; index += 1) {
    const c = index % channels;
    const normalised = (data[index]! - mu[c]!) * inverse[c]!;
    dx[index] =
      gamma[c]! *
      inverse[c]! *
      (dyData[index]! - dOffset[c]! / count - (normalised * dScale[c]!) / count);
  }
  return [
    cpu.makeTensorInfo(x.shape, 'float32', dx),
    cpu.makeTensorInfo([channels], 'float32', Float32Array.from(dScale)),
    cpu.makeTensorInfo([channels], 'float32', Float32Array.from(dOffset)),
  ];
};

/**
 * Registers a backend `name` that is tfjs's cpu backend plus JavaScript implementations of
 * the two custom batch normalisation kernels (optionally only the forward one).
 */
export async function registerCpuWithBatchNormKernels(
  name: string,
  withBackward = true,
): Promise<void> {
  const { MathBackendCPU } = await import('@tensorflow/tfjs-backend-cpu');
  if (tf.findBackend(name) !== null) return;
  tf.registerBackend(name, () => new MathBackendCPU());
  for (const config of tf.getKernelsForBackend('cpu'))
    tf.registerKernel({ ...config, backendName: name });
  tf.registerKernel({ kernelName: CtfBatchNormForward, backendName: name, kernelFunc: forward });
  if (withBackward)
    tf.registerKernel({
      kernelName: CtfBatchNormBackward,
      backendName: name,
      kernelFunc: backward,
    });
}
