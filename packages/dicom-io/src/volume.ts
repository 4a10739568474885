/**
 * The volume types are `@ct-fracture/core`'s, shared with `@ct-fracture/nifti-io`: a series reads
 * into the same `Volume` a NIfTI file does. `data` holds values after RescaleSlope /
 * RescaleIntercept (HU for CT); `shape` is `[columns, rows, slices]` as dcm2niix writes a series
 * (i along a row, j up the image — the last row first —, k along the slice normal, in increasing
 * position); `spacingMm` is the affine's column norms.
 */
export type { Mat4, Vec3, Volume } from '@ct-fracture/core';
