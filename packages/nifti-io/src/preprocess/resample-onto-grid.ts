import { columnNorms3, determinant3, isFiniteMatrix, linearPart, multiply4 } from '../affine/mat4';
import { NiftiError } from '../errors/nifti-error';
import type { Mat4, Vec3, Volume } from '../volume';
import { checkShape, checkVolume, invalidArgument } from './check-options';
import { sampleTrilinear } from './sample-trilinear';

/** The voxel grid to resample onto: a shape and its voxel → world affine. */
export interface TargetGrid {
  /** `[ni, nj, nk]` of the new grid. */
  shape: readonly [number, number, number];
  /** Voxel → world (RAS+ mm) of the new grid. */
  affine: Mat4;
}

/** Options of {@link resampleOntoGrid}. */
export interface ResampleOntoGridOptions {
  /** `'trilinear'` (default) or `'nearest'` (labels). */
  mode?: 'trilinear' | 'nearest';
  /** Value of target voxels that fall outside the source's field of view (default 0). */
  fill?: number;
}

/** The inverse of a voxel → world affine (last row `[0, 0, 0, 1]`). */
function invertAffine(affine: Mat4): Mat4 {
  const m = linearPart(affine);
  const det = determinant3(m);
  if (!isFiniteMatrix(affine) || !Number.isFinite(det) || Math.abs(det) < 1e-12) {
    throw new NiftiError({
      code: 'degenerate-affine',
      field: 'affine',
      value: affine,
      message: `the source affine must be invertible (finite, non-zero determinant); got determinant ${det}`,
    });
  }
  const [a, b, c] = m[0]! as [number, number, number];
  const [d, e, f] = m[1]! as [number, number, number];
  const [g, h, i] = m[2]! as [number, number, number];
  const inv = [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
  const t = [affine[0]![3]!, affine[1]![3]!, affine[2]![3]!];
  const rows = inv.map((row) => [
    row[0]!,
    row[1]!,
    row[2]!,
    -(row[0]! * t[0]! + row[1]! * t[1]! + row[2]! * t[2]!),
  ]);
  rows.push([0, 0, 0, 1]);
  return rows;
}

/**
 * Where a continuous source index `p` falls on an axis of `n` voxels: voxel centres are the
 * integers, the field of view is `[−0.5, n − 0.5]`. Inside it, `p` is clamped to `[0, n − 1]`
 * (edge values extend half a voxel, as `align_corners=False` resizing does); outside, −1.
 */
function clampInside(p: number, n: number): number {
  if (!(p >= -0.5 && p <= n - 0.5)) return -1;
  return Math.min(Math.max(p, 0), n - 1);
}

/**
 * Resamples a volume onto another voxel grid of the same world (scipy/nibabel
 * `resample_from_to` without the spline): each target voxel centre is mapped to world through
 * the target affine, back into the source's voxel indices through the inverse source affine,
 * and the source is sampled there — trilinearly, or at the nearest voxel. Target voxels whose
 * centre lies outside the source's field of view (beyond half a voxel past the outer voxel
 * centres) get `fill`; within that half voxel the edge value is extended. Any affine pair
 * works: oblique, flipped, permuted, different spacings.
 * @param volume - the source (its `affine` places it in world).
 * @param grid - the target shape and affine.
 * @returns a new volume on the target grid; `spacingMm` = the target affine's column lengths.
 * @throws {NiftiError} `invalid-argument` for a bad shape, data length or mode;
 *   `degenerate-affine` when the source affine cannot be inverted or an affine is not finite.
 * @example
 * ```ts
 * // A heatmap computed on a resized, reoriented model grid, back on the scan's voxels:
 * const inScan = resampleOntoGrid(heatmap, { shape: scan.shape, affine: scan.affine });
 * ```
 */
export function resampleOntoGrid(
  volume: Volume,
  grid: TargetGrid,
  options: ResampleOntoGridOptions = {},
): Volume {
  checkVolume(volume);
  const shape = checkShape('grid.shape', grid.shape);
  const mode = options.mode ?? 'trilinear';
  if (mode !== 'trilinear' && mode !== 'nearest') {
    throw invalidArgument('mode', mode, `mode must be 'trilinear' or 'nearest'; got ${mode}`);
  }
  const fill = options.fill ?? 0;
  if (!isFiniteMatrix(grid.affine) || grid.affine.length !== 4) {
    throw new NiftiError({
      code: 'degenerate-affine',
      field: 'grid.affine',
      value: grid.affine,
      message: 'grid.affine must be a finite 4 × 4 matrix',
    });
  }
  // Target voxel → source voxel.
  const m = multiply4(invertAffine(volume.affine), grid.affine);
  const [si, sj, sk] = volume.shape;
  const [ti, tj, tk] = shape;
  const source = volume.data;
  const data = new Float32Array(ti * tj * tk);
  const sample =
    mode === 'nearest'
      ? (x: number, y: number, z: number) =>
          source[(Math.round(x) * sj + Math.round(y)) * sk + Math.round(z)]!
      : (x: number, y: number, z: number) => sampleTrilinear(source, volume.shape, x, y, z);
  let out = 0;
  for (let i = 0; i < ti; i++) {
    for (let j = 0; j < tj; j++) {
      const bx = m[0]![0]! * i + m[0]![1]! * j + m[0]![3]!;
      const by = m[1]![0]! * i + m[1]![1]! * j + m[1]![3]!;
      const bz = m[2]![0]! * i + m[2]![1]! * j + m[2]![3]!;
      for (let k = 0; k < tk; k++, out++) {
        const x = clampInside(bx + m[0]![2]! * k, si);
        const y = clampInside(by + m[1]![2]! * k, sj);
        const z = clampInside(bz + m[2]![2]! * k, sk);
        data[out] = x < 0 || y < 0 || z < 0 ? fill : sample(x, y, z);
      }
    }
  }
  return {
    data,
    shape,
    spacingMm: columnNorms3(linearPart(grid.affine)) as Vec3,
    affine: grid.affine.map((row) => [...row]),
  };
}
