/**
 * The value of a C-order 3D array at a continuous voxel index, by trilinear interpolation of
 * its eight neighbours — the one trilinear sampler of the packages (resampling onto a grid,
 * augmentation, Grad-CAM upsampling). Each coordinate must already lie within `[0, n − 1]` of
 * its axis (voxel centres at the integers; the caller decides what lies outside: a fill value,
 * border clamping, …). Interpolates along the last axis first, then the middle, then the first,
 * each step `a + (b − a)·t`.
 * @param data - values in C order over `shape` (last axis fastest): `(i, j, k)` at
 *   `data[(i·nj + j)·nk + k]`.
 * @param shape - `[ni, nj, nk]`.
 * @param i - continuous index along the first axis, in `[0, ni − 1]`.
 * @param j - continuous index along the second axis, in `[0, nj − 1]`.
 * @param k - continuous index along the third axis, in `[0, nk − 1]`.
 * @example
 * ```ts
 * sampleTrilinear(Float32Array.of(0, 1), [1, 1, 2], 0, 0, 0.25); // 0.25
 * ```
 */
export function sampleTrilinear(
  data: ArrayLike<number>,
  shape: readonly [number, number, number],
  i: number,
  j: number,
  k: number,
): number {
  // Compact on purpose: small enough for V8 to inline it into the callers' voxel loops.
  const nj = shape[1];
  const nk = shape[2];
  const i0 = Math.floor(i);
  const j0 = Math.floor(j);
  const k0 = Math.floor(k);
  // Offsets to the next voxel along each axis (0 on the last voxel: the edge value repeats).
  const di = i0 < shape[0] - 1 ? nj * nk : 0;
  const dj = j0 < nj - 1 ? nk : 0;
  const dk = k0 < nk - 1 ? 1 : 0;
  const fi = i - i0;
  const fj = j - j0;
  const fk = k - k0;
  const a = (i0 * nj + j0) * nk + k0;
  const b = a + dj;
  const c = a + di;
  const d = c + dj;
  const c00 = data[a]! + (data[a + dk]! - data[a]!) * fk;
  const c01 = data[b]! + (data[b + dk]! - data[b]!) * fk;
  const c10 = data[c]! + (data[c + dk]! - data[c]!) * fk;
  const c11 = data[d]! + (data[d + dk]! - data[d]!) * fk;
  const c0 = c00 + (c01 - c00) * fj;
  const c1 = c10 + (c11 - c10) * fj;
  return c0 + (c1 - c0) * fi;
}
