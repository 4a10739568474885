import { NiftiError } from '../errors/nifti-error';
import type { Mat4 } from '../volume';
import { fillPositive, quaternionToMatrix } from './quaternion';

/** The qform fields an affine is built from. */
export interface QformFields {
  quaternBcd: readonly [number, number, number];
  qoffset: readonly [number, number, number];
  pixdim: readonly number[];
  qfac: 1 | -1;
  /** nibabel's `quaternion_threshold`: −3·eps(float32) for NIfTI-1, −3·eps(float64) for NIfTI-2. */
  quaternionThreshold: number;
}

/**
 * The qform affine: `R(quaternion) · diag(pixdim[1], pixdim[2], qfac · pixdim[3])` plus
 * `qoffset` (NIfTI standard method 2, as nibabel's `get_qform`).
 * @throws {NiftiError} `invalid-header` for a negative `pixdim[1..3]` or a non-unit quaternion.
 */
export function qformAffine(fields: QformFields): Mat4 {
  const zooms = [fields.pixdim[1]!, fields.pixdim[2]!, fields.pixdim[3]!];
  if (zooms.some((zoom) => zoom < 0)) {
    throw new NiftiError({
      code: 'invalid-header',
      field: 'pixdim',
      value: zooms,
      message: `pixdim[1..3] must be ≥ 0 when the qform is used; got ${zooms.join(', ')}`,
    });
  }
  zooms[2] = zooms[2]! * fields.qfac;
  const rotation = quaternionToMatrix(fillPositive(fields.quaternBcd, fields.quaternionThreshold));
  const out: Mat4 = [0, 1, 2].map((r) => [
    rotation[r]![0]! * zooms[0]!,
    rotation[r]![1]! * zooms[1]!,
    rotation[r]![2]! * zooms[2]!,
    fields.qoffset[r]!,
  ]);
  out.push([0, 0, 0, 1]);
  return out;
}

/** The sform affine: the rows `srow_x`, `srow_y`, `srow_z` and `[0, 0, 0, 1]`. */
export function sformAffine(srow: readonly (readonly number[])[]): Mat4 {
  return [[...srow[0]!], [...srow[1]!], [...srow[2]!], [0, 0, 0, 1]];
}

/**
 * nibabel's fallback affine when neither sform nor qform is set (`get_base_affine`):
 * `diag(−pixdim[1], pixdim[2], pixdim[3])` with the centre voxel `(shape − 1) / 2` at the
 * origin. Missing dimensions count as 1 voxel of size 1.
 * @param shape - `dim[1..dim[0]]`.
 * @param zooms - `pixdim[1..dim[0]]`.
 */
export function fallbackAffine(shape: readonly number[], zooms: readonly number[]): Mat4 {
  const fullShape = [0, 1, 2].map((axis) => shape[axis] ?? 1);
  const fullZooms = [0, 1, 2].map((axis) => zooms[axis] ?? 1);
  fullZooms[0] = -fullZooms[0]!;
  const out: Mat4 = [0, 1, 2].map((r) => {
    const row = [0, 0, 0, -((fullShape[r]! - 1) / 2) * fullZooms[r]!];
    row[r] = fullZooms[r]!;
    return row;
  });
  out.push([0, 0, 0, 1]);
  return out;
}
