import { type CtfBatchNormAttrs, CtfBatchNormReluBackward } from '@ct-fracture/core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { OneDnnError } from '../errors/onednn-error';
import { channelPieces, channelVector, pieceInputs } from './shared/channel-pieces';
import { type OneDnnKernelArgs, oneDnnKernel } from './shared/kernel-types';

/** Inputs of CtfBatchNormReluBackward: `dy`, the pieces `x`, `x1`, …, optional `accumulate`, `accumulate1`, …, and per-channel vectors. */
export type CtfBatchNormReluBackwardInputs = Record<string, TensorInfo | undefined>;

/**
 * The gradient of CtfBatchNormReluForward, natively: returns one dx per piece (plus its
 * `accumulate` input when given), then dScale and dOffset.
 * @throws {OneDnnError} `invalid-input` for inputs the kernel does not take.
 */
export function ctfBatchNormReluBackward(
  args: OneDnnKernelArgs<CtfBatchNormReluBackwardInputs, CtfBatchNormAttrs>,
): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const name = CtfBatchNormReluBackward;
  const pieceInfos = pieceInputs(inputs, 'x');
  const pieces = channelPieces(name, backend, pieceInfos);
  const { channels, rows } = pieces;
  const dy = inputs.dy;
  const dyValues = dy?.dtype === 'float32' ? backend.float32(dy.dataId) : undefined;
  if (dy === undefined || dyValues === undefined || dyValues.length !== rows * channels) {
    throw new OneDnnError({
      code: 'invalid-input',
      message: `${name} needs dy as float32 [${pieces.shape}], got ${dy === undefined ? 'none' : `${dy.dtype} [${dy.shape}]`}`,
      where: name,
      value: dy?.shape,
    });
  }
  const accumulateInfos = pieceInputs(inputs, 'accumulate');
  const accumulate = accumulateInfos.map((t, k) => {
    const values = t.dtype === 'float32' ? backend.float32(t.dataId) : undefined;
    if (values === undefined || values.length !== rows * (pieces.widths[k] ?? 0)) {
      throw new OneDnnError({
        code: 'invalid-input',
        message: `${name} needs accumulate${k === 0 ? '' : k} in the shape of its piece, got ${t.dtype} [${t.shape}]`,
        where: name,
        value: t.shape,
      });
    }
    return values;
  });
  if (accumulate.length !== 0 && accumulate.length !== pieces.values.length) {
    throw new OneDnnError({
      code: 'invalid-input',
      message: `${name} needs one accumulate input per piece (${pieces.values.length}) or none, got ${accumulate.length}`,
      where: name,
    });
  }
  const dx = pieces.widths.map((width) => backend.allocate(rows * width));
  const dScale = new Float32Array(channels);
  const dOffset = new Float32Array(channels);
  backend.native.batchNormReluBackward({
    dy: dyValues,
    pieces: pieces.values,
    widths: pieces.widths,
    rows,
    scale: channelVector(name, backend, 'scale', inputs.scale, channels),
    offset: channelVector(name, backend, 'offset', inputs.offset, channels),
    mean: channelVector(name, backend, 'mean', inputs.mean, channels),
    variance: channelVector(name, backend, 'variance', inputs.variance, channels),
    epsilon: attrs.epsilon,
    relu: true,
    dx,
    ...(accumulate.length === 0 ? {} : { accumulate }),
    dScale,
    dOffset,
  });
  return [
    ...dx.map((values, k) => backend.makeTensorInfo(pieceInfos[k]?.shape ?? [], 'float32', values)),
    backend.makeTensorInfo([channels], 'float32', dScale),
    backend.makeTensorInfo([channels], 'float32', dOffset),
  ];
}

/** Kernel config: CtfBatchNormReluBackward on `onednn`. */
export const ctfBatchNormReluBackwardConfig = oneDnnKernel(
  CtfBatchNormReluBackward,
  ctfBatchNormReluBackward,
);
