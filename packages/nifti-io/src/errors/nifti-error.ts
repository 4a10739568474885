import { CtFractureError } from '@ct-fracture/core';

/**
 * What went wrong while reading, writing or transforming a NIfTI volume.
 *
 * - `truncated-header`: the file ends inside the 348-byte (NIfTI-1) / 540-byte (NIfTI-2) header.
 * - `truncated-data`: the file ends before the voxel data the header describes.
 * - `bad-magic`: neither `sizeof_hdr` nor the magic string is that of a single-file NIfTI.
 * - `corrupt-gzip`: gzip magic present but the stream does not inflate.
 * - `vox-offset-past-end`: `vox_offset` points at or beyond the end of the file.
 * - `dims-inconsistent`: `dim` is invalid or needs more bytes than the file can hold.
 * - `unsupported-datatype`: a datatype other than the ten integer/float types.
 * - `invalid-header`: another header field nibabel refuses (negative pixdim with a qform,
 *   infinite intercept with a valid slope, …).
 * - `invalid-argument`: a bad option passed to a function of this package.
 * - `degenerate-affine`: an affine with a zero/collinear column where an orientation is needed.
 * - `unrepresentable-value`: a value that the requested on-disk datatype cannot hold.
 * - `non-finite-data`: a voxel is NaN or ±∞ where finite values are needed (model input).
 * - `multi-frame`: a 4D+ image read without saying which 3D frame to use.
 * - `io`: the file system refused (missing file, permission, disk full).
 */
export type NiftiErrorCode =
  | 'truncated-header'
  | 'truncated-data'
  | 'bad-magic'
  | 'corrupt-gzip'
  | 'vox-offset-past-end'
  | 'dims-inconsistent'
  | 'unsupported-datatype'
  | 'invalid-header'
  | 'invalid-argument'
  | 'degenerate-affine'
  | 'unrepresentable-value'
  | 'non-finite-data'
  | 'multi-frame'
  | 'io';

/** Where-fields and cause of a {@link NiftiError}. */
export interface NiftiErrorOptions {
  code: NiftiErrorCode;
  /** What must be, what we got (the file name is prefixed automatically). */
  message: string;
  /** The file at fault, when known. */
  file?: string;
  /** The header field at fault (`'dim'`, `'vox_offset'`, `'datatype'`, …), when known. */
  field?: string;
  /** The byte offset at fault (in the uncompressed stream), when known. */
  offset?: number;
  /** The offending value, when there is one. */
  value?: unknown;
  cause?: unknown;
}

/**
 * A NIfTI file that cannot be read or written, or a volume operation with bad input.
 * `file` names the file when known; `field`, `offset` and `value` say where.
 * @example
 * ```ts
 * try { await readNifti('scan.nii.gz'); }
 * catch (error) { if (NiftiError.isInstance(error)) console.error(error.code, error.file); }
 * ```
 */
export class NiftiError extends CtFractureError {
  static override readonly errorName: string = 'NiftiError';
  declare readonly code: NiftiErrorCode;
  readonly file: string | undefined;
  readonly field: string | undefined;
  readonly offset: number | undefined;
  readonly value: unknown;

  constructor(options: NiftiErrorOptions) {
    const where = options.file === undefined ? '' : `${options.file}: `;
    super({
      code: options.code,
      message: `${where}${options.message}`,
      cause: options.cause,
    });
    this.file = options.file;
    this.field = options.field;
    this.offset = options.offset;
    this.value = options.value;
  }

  /** The same error attributed to `file` (when it does not name one yet). */
  withFile(file: string | undefined): NiftiError {
    if (file === undefined || this.file !== undefined) return this;
    const error = new NiftiError({
      code: this.code,
      message: this.message,
      file,
      field: this.field,
      offset: this.offset,
      value: this.value,
      cause: this.cause,
    });
    error.stack = this.stack;
    return error;
  }
}
