import type { Vec3, Volume } from '../volume';
import { axisWeights, type ResizeMode } from './axis-weights';
import { checkShape, checkVolume, invalidArgument } from './check-options';
import { gridAffine } from './grid-affine';
import { applySeparable } from './separable';

/** Options of {@link resizeVolume}. */
export interface ResizeOptions {
  /** Target `[ni, nj, nk]`. */
  shape: readonly [number, number, number];
  /**
   * `'area'` (default; MONAI `Resize`'s default = adaptive average pooling, anti-aliased when
   * shrinking), `'trilinear'` (`align_corners=False`) or `'nearest'` (PyTorch's `nearest`, for labels).
   */
  mode?: ResizeMode;
}

/** The affine and spacing of a volume resized from `inShape` to `outShape` (voxel centres aligned). */
export function resizedGeometry(
  volume: Pick<Volume, 'affine' | 'spacingMm'>,
  inShape: Vec3,
  outShape: Vec3,
): Pick<Volume, 'affine' | 'spacingMm'> {
  const scale = inShape.map((n, axis) => n / outShape[axis]!) as Vec3;
  const offset = scale.map((s) => 0.5 * s - 0.5) as Vec3;
  return {
    affine: gridAffine(volume.affine, scale, offset),
    spacingMm: volume.spacingMm.map((spacing, axis) => spacing * scale[axis]!) as Vec3,
  };
}

/** Checks a resize mode. */
export function checkMode(mode: string): ResizeMode {
  if (mode !== 'area' && mode !== 'trilinear' && mode !== 'nearest') {
    throw invalidArgument(
      'mode',
      mode,
      `mode must be 'area', 'trilinear' or 'nearest'; got ${mode}`,
    );
  }
  return mode;
}

/**
 * Resizes a volume to a target shape as `torch.nn.functional.interpolate` (MONAI `Resize`):
 * `'area'` = adaptive average pooling, `'trilinear'` with `align_corners=False`, `'nearest'`.
 * The field of view is kept: output voxel `o` sits at input voxel `(o + 0.5) · in/out − 0.5`,
 * which the new affine encodes; `spacingMm` scales by `in/out`.
 * @returns a new volume (new `data`, `shape`, `spacingMm`, `affine`).
 * @throws {NiftiError} `invalid-argument` for a bad shape or mode.
 * @example
 * ```ts
 * const small = resizeVolume(volume, { shape: [128, 128, 128] }); // area, as the original
 * ```
 */
export function resizeVolume(volume: Volume, options: ResizeOptions): Volume {
  checkVolume(volume);
  const outShape = checkShape('shape', options.shape);
  const mode = checkMode(options.mode ?? 'area');
  const weights = [0, 1, 2].map((axis) =>
    axisWeights(mode, volume.shape[axis]!, outShape[axis]!),
  ) as [
    ReturnType<typeof axisWeights>,
    ReturnType<typeof axisWeights>,
    ReturnType<typeof axisWeights>,
  ];
  const result = applySeparable(volume.data, volume.shape, weights);
  const data = result.data === volume.data ? volume.data.slice() : result.data;
  return { data, shape: outShape, ...resizedGeometry(volume, volume.shape, outShape) };
}
