import type { Mat4 } from '../volume';
import type { NiftiDatatype } from './datatypes';

/** The header fields as stored on disk (NIfTI-1 floats widened to numbers, int64 to numbers). */
export interface RawNiftiHeader {
  format: 'nifti1' | 'nifti2';
  littleEndian: boolean;
  /** `sizeof_hdr`: 348 (NIfTI-1) or 540 (NIfTI-2). */
  headerBytes: number;
  magic: string;
  /** `dim[0..7]`: `dim[0]` is the number of dimensions. */
  dim: number[];
  datatypeCode: number;
  bitpix: number;
  /** `pixdim[0..7]`: `pixdim[0]` is qfac. */
  pixdim: number[];
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  qformCode: number;
  sformCode: number;
  quaternBcd: [number, number, number];
  qoffset: [number, number, number];
  /** `srow_x`, `srow_y`, `srow_z`. */
  srow: [number[], number[], number[]];
  description: string;
  intentCode: number;
  intentName: string;
  xyztUnits: number;
  dimInfo: number;
  calMin: number;
  calMax: number;
  sliceDuration: number;
  toffset: number;
}

/**
 * A parsed, validated NIfTI header with the values nibabel derives from it.
 *
 * `shape`, `spacing` (nibabel's `get_zooms()`), `scaling` (`get_slope_inter()`),
 * `affine` (`get_best_affine()`) and `orientation` (`aff2axcodes`) agree with nibabel;
 * `qformCode`/`sformCode` are after nibabel's fix (a code outside 0‥5 becomes 0).
 */
export interface NiftiHeader extends RawNiftiHeader {
  /** True when the file on disk is gzip-compressed (detected by magic bytes). */
  compressed: boolean;
  datatype: NiftiDatatype;
  /** Bytes per voxel of `datatype`. */
  bytesPerVoxel: number;
  /** `dim[1..dim[0]]`: all dimensions, e.g. `[ni, nj, nk]` or `[ni, nj, nk, nt]`. */
  shape: number[];
  /** `pixdim[1..dim[0]]` (millimetres for the spatial axes, as stored; nibabel's zooms). */
  spacing: number[];
  /** Effective scaling; both `null` when `scl_slope` is 0 or not finite (no scaling). */
  scaling: { slope: number | null; intercept: number | null };
  /** qfac after nibabel's fix: `pixdim[0]` when it is ±1, else 1. */
  qfac: 1 | -1;
  /** Which transform `affine` came from. */
  affineSource: 'sform' | 'qform' | 'fallback';
  /** Voxel → world (RAS+ mm) by nibabel's rules: sform, else qform, else the fallback. */
  affine: Mat4;
  /** Axis codes of `affine`, e.g. `'RAS'` or `'LPS'` (`'?'` for a degenerate axis). */
  orientation: string;
  /** Voxels in one 3D frame (`dim[1] · dim[2] · dim[3]`). */
  frameVoxels: number;
  /** 3D frames in the file (product of `dim[4..dim[0]]`, 1 for a 3D image). */
  frames: number;
  /** Bytes of voxel data the header describes (`frameVoxels · frames · bytesPerVoxel`). */
  dataBytes: number;
}
