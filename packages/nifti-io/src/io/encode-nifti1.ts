import { qformFromAffine } from '../affine/qform-from-affine';
import type { Mat4, Vec3 } from '../volume';

/** Bytes before the voxel data in the files we write: 348 header + 4 extension flag bytes. */
export const WRITTEN_VOX_OFFSET = 352;

/** What {@link encodeNifti1Header} needs. */
export interface Nifti1HeaderFields {
  shape: Vec3;
  affine: Mat4;
  datatypeCode: number;
  bitpix: number;
  slope: number;
  intercept: number;
  /** `sform_code` and `qform_code` (1 scanner, 2 aligned, …). */
  formCode: number;
  description: string;
}

/**
 * A little-endian single-file NIfTI-1 header (348 bytes + 4 zero extension bytes) with both
 * sform (the affine, rounded to float32) and qform (nibabel's `set_qform` of the affine) set,
 * `pixdim[1..3]` = the affine's column lengths, units mm.
 * @throws {NiftiError} `degenerate-affine` when the affine has a zero column.
 */
export function encodeNifti1Header(fields: Nifti1HeaderFields): Uint8Array {
  const bytes = new Uint8Array(WRITTEN_VOX_OFFSET);
  const view = new DataView(bytes.buffer);
  const qform = qformFromAffine(fields.affine);
  view.setInt32(0, 348, true);
  const dim = [3, ...fields.shape, 1, 1, 1, 1];
  dim.forEach((value, index) => {
    view.setInt16(40 + 2 * index, value, true);
  });
  view.setInt16(70, fields.datatypeCode, true);
  view.setInt16(72, fields.bitpix, true);
  const pixdim = [qform.qfac, ...qform.zooms, 1, 1, 1, 1];
  pixdim.forEach((value, index) => {
    view.setFloat32(76 + 4 * index, value, true);
  });
  view.setFloat32(108, WRITTEN_VOX_OFFSET, true);
  view.setFloat32(112, fields.slope, true);
  view.setFloat32(116, fields.intercept, true);
  bytes[123] = 2; // xyzt_units: NIFTI_UNITS_MM
  const description = fields.description.slice(0, 79);
  for (let index = 0; index < description.length; index++) {
    const code = description.charCodeAt(index);
    bytes[148 + index] = code < 128 ? code : 63; // '?' for non-ASCII
  }
  view.setInt16(252, fields.formCode, true);
  view.setInt16(254, fields.formCode, true);
  for (let index = 0; index < 3; index++) {
    view.setFloat32(256 + 4 * index, qform.quaternBcd[index]!, true);
    view.setFloat32(268 + 4 * index, qform.qoffset[index]!, true);
  }
  for (let row = 0; row < 3; row++) {
    for (let column = 0; column < 4; column++) {
      view.setFloat32(280 + 16 * row + 4 * column, fields.affine[row]![column]!, true);
    }
  }
  bytes.set([0x6e, 0x2b, 0x31, 0x00], 344); // 'n+1\0'
  return bytes;
}
