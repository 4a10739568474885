/**
 * A 4 × 4 affine as 4 rows of 4 numbers: voxel `(i, j, k, 1)` → world `(x, y, z, 1)`,
 * RAS+ millimetres, nibabel semantics. The last row is `[0, 0, 0, 1]`.
 */
export type Mat4 = number[][];

/** A shape or a per-axis value over the three voxel axes `[i, j, k]`. */
export type Vec3 = [number, number, number];

/**
 * A 3D scalar volume in model layout (docs/contracts.md): what `@ct-fracture/nifti-io` reads from
 * NIfTI and `@ct-fracture/dicom-io` from a DICOM series (dcm2niix's layout), so everything
 * downstream takes either.
 *
 * - `data`: scaled values (NIfTI `scl_slope`/`scl_inter`, DICOM RescaleSlope/RescaleIntercept
 *   applied: HU for CT), C order over `shape`, k fastest:
 *   element `(i, j, k)` is `data[(i * nj + j) * nk + k]`. This is the order nibabel's
 *   `get_fdata()` indexes and PyTorch/MONAI see as `[C, i, j, k]`, so
 *   `tf.tensor5d(volume.data, [1, ni, nj, nk, 1])` is the model input `[N, D, H, W, C]`.
 * - `shape`: `[ni, nj, nk]`, the NIfTI voxel axes i, j, k.
 * - `spacingMm`: voxel size along i, j, k in millimetres.
 * - `affine`: voxel → world (RAS+ mm), see {@link Mat4}.
 */
export interface Volume {
  data: Float32Array;
  shape: Vec3;
  spacingMm: Vec3;
  affine: Mat4;
}
