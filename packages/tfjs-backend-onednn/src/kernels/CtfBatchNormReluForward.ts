import { type CtfBatchNormAttrs, CtfBatchNormReluForward } from '@ct-fracture/core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { channelPieces, channelVector, pieceInputs } from './shared/channel-pieces';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

/** Inputs of CtfBatchNormReluForward: `x`, further pieces `x1`, `x2`, …, and per-channel vectors. */
export type CtfBatchNormReluForwardInputs = Record<string, TensorInfo | undefined>;

/**
 * Training-mode batch normalisation and ReLU over the channel pieces' concatenation, natively
 * (with the given `mean`/`variance` when passed): returns [y, mean, variance].
 * @throws {OneDnnError} `invalid-input` for inputs the kernel does not take.
 */
export function ctfBatchNormReluForward(
  args: OneDnnKernelArgs<CtfBatchNormReluForwardInputs, CtfBatchNormAttrs>,
): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const name = CtfBatchNormReluForward;
  const pieces = channelPieces(name, backend, pieceInputs(inputs, 'x'));
  const { channels } = pieces;
  const given = inputs.mean !== undefined || inputs.variance !== undefined;
  const y = backend.allocate(pieces.rows * channels);
  const mean = given
    ? Float32Array.from(channelVector(name, backend, 'mean', inputs.mean, channels))
    : new Float32Array(channels);
  const variance = given
    ? Float32Array.from(channelVector(name, backend, 'variance', inputs.variance, channels))
    : new Float32Array(channels);
  backend.native.batchNormReluForward({
    pieces: pieces.values,
    widths: pieces.widths,
    rows: pieces.rows,
    scale: channelVector(name, backend, 'scale', inputs.scale, channels),
    offset: channelVector(name, backend, 'offset', inputs.offset, channels),
    epsilon: attrs.epsilon,
    relu: true,
    y,
    ...(given ? { mean, variance } : { meanOut: mean, varianceOut: variance }),
  });
  return [
    backend.makeTensorInfo(pieces.shape, 'float32', y),
    backend.makeTensorInfo([channels], 'float32', mean),
    backend.makeTensorInfo([channels], 'float32', variance),
  ];
}

/** Kernel config: CtfBatchNormReluForward on `onednn`. */
export const ctfBatchNormReluForwardConfig = oneDnnKernel(
  CtfBatchNormReluForward,
  ctfBatchNormReluForward,
);
