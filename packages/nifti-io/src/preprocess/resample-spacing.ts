import type { Vec3, Volume } from '../volume';
import { type AxisWeights, mappedWeights, type ResizeMode } from './axis-weights';
import { checkVolume, invalidArgument } from './check-options';
import { gridAffine } from './grid-affine';
import { checkMode } from './resize-volume';
import { applySeparable } from './separable';

/** Options of {@link resampleToSpacing}. */
export interface ResampleOptions {
  /** Target voxel size along i, j, k in mm. */
  spacingMm: readonly [number, number, number];
  /**
   * `'trilinear'` (default; edges clamped), `'nearest'` (labels) or `'area'` (box average over
   * each new voxel's footprint: use it when shrinking a lot, to avoid aliasing).
   */
  mode?: ResizeMode;
}

/**
 * Resamples a volume to a target voxel spacing on the same voxel axes (no rotation):
 * `n' = max(1, round(n · spacing / target))` voxels per axis, the grid centred on the old one,
 * so the field of view is kept to within half a voxel.
 * @returns a new volume; `spacingMm` = the target, `affine` places the new grid exactly.
 * @throws {NiftiError} `invalid-argument` for a non-positive spacing or a bad mode.
 * @example
 * ```ts
 * const iso = resampleToSpacing(volume, { spacingMm: [1, 1, 1] });
 * ```
 */
export function resampleToSpacing(volume: Volume, options: ResampleOptions): Volume {
  checkVolume(volume);
  const target = options.spacingMm;
  if (
    target.length !== 3 ||
    !target.every((spacing) => Number.isFinite(spacing) && spacing > 0) ||
    !volume.spacingMm.every((spacing) => Number.isFinite(spacing) && spacing > 0)
  ) {
    throw invalidArgument(
      'spacingMm',
      target,
      `spacingMm and the volume's spacingMm must be 3 positive numbers; got [${target.join(', ')}] and [${volume.spacingMm.join(', ')}]`,
    );
  }
  const mode = checkMode(options.mode ?? 'trilinear');
  const scale = [0, 1, 2].map((axis) => target[axis]! / volume.spacingMm[axis]!) as Vec3;
  const shape = [0, 1, 2].map((axis) =>
    Math.max(1, Math.round(volume.shape[axis]! / scale[axis]!)),
  ) as Vec3;
  const offset = [0, 1, 2].map(
    (axis) => (volume.shape[axis]! - 1) / 2 - (scale[axis]! * (shape[axis]! - 1)) / 2,
  ) as Vec3;
  const weights = [0, 1, 2].map((axis) =>
    mappedWeights(mode, volume.shape[axis]!, shape[axis]!, scale[axis]!, offset[axis]!),
  ) as [AxisWeights, AxisWeights, AxisWeights];
  const result = applySeparable(volume.data, volume.shape, weights);
  return {
    data: result.data === volume.data ? volume.data.slice() : result.data,
    shape,
    spacingMm: [target[0], target[1], target[2]],
    affine: gridAffine(volume.affine, scale, offset),
  };
}
