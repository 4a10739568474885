import type { Vec3, Volume } from '../volume';
import { checkShape, checkVolume } from './check-options';
import { gridAffine } from './grid-affine';

/** Options of {@link cropOrPad}. */
export interface CropOrPadOptions {
  /** Target `[ni, nj, nk]`. */
  shape: readonly [number, number, number];
  /** Value of padded voxels; default 0. For CT in HU you may want −1024 (air). */
  value?: number;
}

/**
 * The first input voxel of the output along one axis, as MONAI's `ResizeWithPadOrCrop`:
 * cropping keeps `[floor(n/2) − floor(t/2), … + t)`; padding puts `floor((t − n)/2)` before.
 * Negative = padding.
 */
export function cropOrPadStart(n: number, t: number): number {
  if (t >= n) return 0 - Math.floor((t - n) / 2);
  return Math.floor(n / 2) - Math.floor(t / 2);
}

/**
 * Centre-crops and/or pads each axis to a target shape (MONAI `ResizeWithPadOrCrop`,
 * symmetric constant padding). Voxel sizes are unchanged; the affine moves with the window.
 * @returns a new volume (new `data`, `shape`, `affine`; `spacingMm` copied).
 * @throws {NiftiError} `invalid-argument` for a bad shape.
 * @example
 * ```ts
 * const cube = cropOrPad(volume, { shape: [160, 160, 160], value: -1024 });
 * ```
 */
export function cropOrPad(volume: Volume, options: CropOrPadOptions): Volume {
  checkVolume(volume);
  const shape = checkShape('shape', options.shape);
  const start = [0, 1, 2].map((axis) => cropOrPadStart(volume.shape[axis]!, shape[axis]!)) as Vec3;
  const [ni, nj, nk] = volume.shape;
  const [ti, tj, tk] = shape;
  const data = new Float32Array(ti * tj * tk);
  const value = options.value ?? 0;
  if (value !== 0) data.fill(value);
  // Copy the overlap, one k-row at a time.
  const kFrom = Math.max(0, -start[2]);
  const kTo = Math.min(tk, nk - start[2]);
  for (let i = Math.max(0, -start[0]); i < Math.min(ti, ni - start[0]); i++) {
    for (let j = Math.max(0, -start[1]); j < Math.min(tj, nj - start[1]); j++) {
      const inRow = ((i + start[0]) * nj + (j + start[1])) * nk + start[2];
      const outRow = (i * tj + j) * tk;
      if (kTo > kFrom) data.set(volume.data.subarray(inRow + kFrom, inRow + kTo), outRow + kFrom);
    }
  }
  return {
    data,
    shape,
    spacingMm: [...volume.spacingMm],
    affine: gridAffine(volume.affine, [1, 1, 1], start),
  };
}
