import type { SeededRandom } from '@ct-fracture/core';

/** Adds Gaussian noise N(0, stdDev²) to every voxel, in place; returns `data`. */
export function addGaussianNoise(
  data: Float32Array,
  stdDev: number,
  random: SeededRandom,
): Float32Array {
  for (let i = 0; i < data.length; i += 1) data[i] = data[i]! + stdDev * random.normal();
  return data;
}

/** `data · factor + offset`, in place; returns `data`. */
export function scaleShift(data: Float32Array, factor: number, offset: number): Float32Array {
  for (let i = 0; i < data.length; i += 1) data[i] = data[i]! * factor + offset;
  return data;
}

/**
 * Reverses the volume along the given voxel axes.
 * @param shape - [D, H, W] of the C-order `data`.
 * @returns a new array.
 */
export function flipAxes(
  data: Float32Array,
  shape: readonly [number, number, number],
  axes: readonly number[],
): Float32Array {
  const [nd, nh, nw] = shape;
  const flipD = axes.includes(0);
  const flipH = axes.includes(1);
  const flipW = axes.includes(2);
  const out = new Float32Array(data.length);
  let index = 0;
  for (let d = 0; d < nd; d += 1) {
    const sd = flipD ? nd - 1 - d : d;
    for (let h = 0; h < nh; h += 1) {
      const sh = flipH ? nh - 1 - h : h;
      const row = (sd * nh + sh) * nw;
      for (let w = 0; w < nw; w += 1) {
        out[index] = data[row + (flipW ? nw - 1 - w : w)]!;
        index += 1;
      }
    }
  }
  return out;
}
