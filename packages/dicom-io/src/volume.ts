/**
 * A 4 × 4 affine as 4 rows of 4 numbers: voxel `(i, j, k, 1)` → world `(x, y, z, 1)`,
 * RAS+ millimetres, nibabel semantics. The last row is `[0, 0, 0, 1]`.
 */
export type Mat4 = number[][];

/** A shape or a per-axis value over the three voxel axes `[i, j, k]`. */
export type Vec3 = [number, number, number];

/**
 * A 3D scalar volume — the same value `@ct-fracture/nifti-io` reads (docs/contracts.md), so
 * everything downstream takes either.
 *
 * - `data`: values after RescaleSlope/RescaleIntercept (HU for CT), C order over `shape`, k
 *   fastest: element `(i, j, k)` is `data[(i * nj + j) * nk + k]`.
 * - `shape`: `[ni, nj, nk]` = `[columns, rows, slices]`, laid out as dcm2niix writes a series:
 *   i along a row (column index), j up the image (the last row first), k along the slice
 *   normal (row direction × column direction), in increasing position.
 * - `spacingMm`: voxel size along i, j, k in millimetres (the affine's column norms).
 * - `affine`: voxel → world (RAS+ mm), see {@link Mat4}.
 */
export interface Volume {
  data: Float32Array;
  shape: Vec3;
  spacingMm: Vec3;
  affine: Mat4;
}
