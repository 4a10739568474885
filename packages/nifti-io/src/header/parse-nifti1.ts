import { NIFTI1 } from 'nifti-reader-js';
import type { RawNiftiHeader } from './nifti-header';

/** Size of the NIfTI-1 header in bytes (`sizeof_hdr`). */
export const NIFTI1_HEADER_BYTES = 348;

function readSrow(view: DataView, littleEndian: boolean): RawNiftiHeader['srow'] {
  const row = (start: number) =>
    [0, 1, 2, 3].map((c) => view.getFloat32(start + 4 * c, littleEndian));
  return [row(280), row(296), row(312)];
}

function readString(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let index = start; index < end && bytes[index] !== 0; index++) {
    out += String.fromCharCode(bytes[index]!);
  }
  return out;
}

/**
 * The raw fields of a NIfTI-1 header.
 *
 * Field decoding is nifti-reader-js's `NIFTI1.readHeader`, given exactly the 348 header
 * bytes (so it never walks extensions, where a corrupt `esize` can loop or throw).
 * Replaced here: the magic string (nifti-reader-js drops NULs and accepts any), and `srow_*`,
 * which nifti-reader-js only reads when it picks the sform itself; its `affine` (which uses
 * the qform whenever `qform_code ≥ sform_code` and can hold NaN) is ignored — see
 * `finishHeader` for nibabel's rules.
 * @param bytes - at least 348 bytes, starting at the header.
 * @param littleEndian - byte order, from `sizeof_hdr`.
 */
export function parseNifti1(bytes: Uint8Array, littleEndian: boolean): RawNiftiHeader {
  const header = bytes.slice(0, NIFTI1_HEADER_BYTES);
  const reader = new NIFTI1();
  reader.readHeader(header.buffer);
  const view = new DataView(header.buffer);
  return {
    format: 'nifti1',
    littleEndian,
    headerBytes: NIFTI1_HEADER_BYTES,
    magic: readString(header, 344, 348),
    dim: [...reader.dims],
    datatypeCode: reader.datatypeCode,
    bitpix: reader.numBitsPerVoxel,
    pixdim: [...reader.pixDims],
    voxOffset: reader.vox_offset,
    sclSlope: reader.scl_slope,
    sclInter: reader.scl_inter,
    qformCode: reader.qform_code,
    sformCode: reader.sform_code,
    quaternBcd: [reader.quatern_b, reader.quatern_c, reader.quatern_d],
    qoffset: [reader.qoffset_x, reader.qoffset_y, reader.qoffset_z],
    srow: readSrow(view, littleEndian),
    description: reader.description,
    intentCode: reader.intent_code,
    intentName: reader.intent_name,
    xyztUnits: reader.xyzt_units,
    dimInfo: reader.dim_info,
    calMin: reader.cal_min,
    calMax: reader.cal_max,
    sliceDuration: reader.slice_duration,
    toffset: reader.toffset,
  };
}
