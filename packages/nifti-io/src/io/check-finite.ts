import { NiftiError } from '../errors/nifti-error';
import type { NiftiHeader } from '../header/nifti-header';
import type { Slab } from './read-slabs';

/** What a reader does with NaN or ±∞ voxels: refuse the file (default) or keep them. */
export type NonFiniteVoxels = 'error' | 'keep';

/**
 * Throws when a slab of a float image holds NaN or ±∞ (integer types cannot; a header whose
 * scaling is not finite is refused by the header checks): a scan with such voxels would turn
 * into confident-looking nonsense after windowing and resizing.
 * @throws {NiftiError} `non-finite-data` with the first such voxel (i, j, k) and its value.
 */
export function checkFiniteSlab(header: NiftiHeader, slab: Slab): void {
  const { values } = slab;
  if (!(values instanceof Float32Array || values instanceof Float64Array)) return;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (value - value === 0) continue; // finite
    const [ni = 1, nj = 1] = header.shape;
    const i = index % ni;
    const j = Math.floor(index / ni) % nj;
    const k = slab.kStart + Math.floor(index / (ni * nj));
    throw new NiftiError({
      code: 'non-finite-data',
      value,
      message:
        `the voxel values must be finite numbers, got ${value} at voxel (${i}, ${j}, ${k})` +
        `${header.frames > 1 ? ` of frame ${slab.frame}` : ''} (a model cannot use NaN or ±∞ voxels)`,
    });
  }
}
