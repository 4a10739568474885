import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { OneDnnBackend } from '../../backend/onednn-backend';
import { OneDnnError } from '../../errors/onednn-error';

/** Float32 channel pieces of one leading shape, as the native batch-norm kernels take them. */
export interface ChannelPieces {
  values: Float32Array[];
  widths: number[];
  /** Product of the leading dimensions (every axis but the last). */
  rows: number;
  /** Σ widths. */
  channels: number;
  /** The concatenated shape: the leading dimensions and `channels`. */
  shape: number[];
}

const describe = (t: TensorInfo) => `${t.dtype} [${t.shape}]`;

/**
 * Reads channel pieces (float32, rank ≥ 2, one leading shape) for a kernel.
 * @throws {OneDnnError} `invalid-input` naming the kernel and the piece at fault.
 */
export function channelPieces(
  kernelName: string,
  backend: OneDnnBackend,
  pieces: readonly TensorInfo[],
): ChannelPieces {
  const first = pieces[0];
  if (first === undefined) {
    throw new OneDnnError({
      code: 'invalid-input',
      message: `${kernelName} needs an input x, got none`,
      where: kernelName,
    });
  }
  const leading = first.shape.slice(0, -1);
  const values: Float32Array[] = [];
  const widths: number[] = [];
  pieces.forEach((piece, k) => {
    const array = piece.dtype === 'float32' ? backend.float32(piece.dataId) : undefined;
    const width = piece.shape[piece.shape.length - 1] ?? 0;
    const sameLeading =
      piece.shape.length === first.shape.length &&
      leading.every((d, i) => d === piece.shape[i]) &&
      piece.shape.length >= 2;
    if (array === undefined || !sameLeading || width < 1 || array.length === 0) {
      throw new OneDnnError({
        code: 'invalid-input',
        message: `${kernelName} needs float32 inputs of rank ≥ 2 with channels and the leading shape [${leading}] of x, got ${describe(piece)} for ${k === 0 ? 'x' : `x${k}`}`,
        where: kernelName,
        value: piece.shape,
      });
    }
    values.push(array);
    widths.push(width);
  });
  const channels = widths.reduce((a, b) => a + b, 0);
  const rows = leading.reduce((a, b) => a * b, 1);
  return { values, widths, rows, channels, shape: [...leading, channels] };
}

/**
 * The Float32Array of a per-channel input of `channels` values.
 * @throws {OneDnnError} `invalid-input` when it is missing, not float32 or of another length.
 */
export function channelVector(
  kernelName: string,
  backend: OneDnnBackend,
  name: string,
  t: TensorInfo | undefined,
  channels: number,
): Float32Array {
  const array = t?.dtype === 'float32' ? backend.float32(t.dataId) : undefined;
  if (t === undefined || array === undefined || array.length !== channels) {
    throw new OneDnnError({
      code: 'invalid-input',
      message: `${kernelName} needs ${name} as float32 [${channels}], got ${t === undefined ? 'none' : describe(t)}`,
      where: kernelName,
      value: t?.shape,
    });
  }
  return array;
}

/**
 * The inputs of a kernel that takes channel pieces `name`, `name1`, `name2`, … in order
 * (until the first missing one).
 */
export function pieceInputs<T>(inputs: Record<string, T | undefined>, name: string): T[] {
  const first = inputs[name];
  if (first === undefined) return [];
  const pieces = [first];
  for (let k = 1; ; k++) {
    const next = inputs[`${name}${k}`];
    if (next === undefined) return pieces;
    pieces.push(next);
  }
}
