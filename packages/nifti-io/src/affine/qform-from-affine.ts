import { NiftiError } from '../errors/nifti-error';
import type { Mat4 } from '../volume';
import { columnNorms3, determinant3, linearPart } from './mat4';
import { polarOrthogonal } from './polar';
import { matrixToQuaternion } from './quaternion';

/** The qform fields that represent an affine (nibabel's `set_qform`). */
export interface QformParameters {
  quaternBcd: [number, number, number];
  qoffset: [number, number, number];
  /** Voxel sizes: the affine's column lengths (written to `pixdim[1..3]`). */
  zooms: [number, number, number];
  qfac: 1 | -1;
}

/**
 * The qform of an affine as nibabel's `set_qform` computes it: zooms = column lengths,
 * qfac = sign of the rotation's determinant (the k column flipped when negative), shears
 * stripped by polar decomposition, then the rotation's quaternion with `a ≥ 0`.
 * @throws {NiftiError} `degenerate-affine` when a column is zero or not finite.
 */
export function qformFromAffine(affine: Mat4): QformParameters {
  const rzs = linearPart(affine);
  const zooms = columnNorms3(rzs);
  if (zooms.some((zoom) => !(zoom > 0) || !Number.isFinite(zoom))) {
    throw new NiftiError({
      code: 'degenerate-affine',
      field: 'affine',
      value: affine,
      message: `every voxel axis of the affine must have a non-zero finite length; got ${zooms.join(', ')}`,
    });
  }
  const rotation = rzs.map((row) => row.map((value, c) => value / zooms[c]!));
  let qfac: 1 | -1 = 1;
  if (determinant3(rotation) <= 0) {
    qfac = -1;
    for (const row of rotation) row[2] = -row[2]!;
  }
  const orthogonal = polarOrthogonal(rotation, 0);
  const [, b, c, d] = matrixToQuaternion(orthogonal);
  return {
    quaternBcd: [b, c, d],
    qoffset: [affine[0]![3]!, affine[1]![3]!, affine[2]![3]!],
    zooms,
    qfac,
  };
}
