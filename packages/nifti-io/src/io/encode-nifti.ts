import { isFiniteMatrix } from '../affine/mat4';
import { NiftiError } from '../errors/nifti-error';
import { type Volume, voxelCount } from '../volume';
import { encodeData, WRITABLE, type WritableDatatype } from './encode-data';
import { encodeNifti1Header } from './encode-nifti1';

/** How a volume is stored: options of {@link encodeNifti} and `writeNifti`. */
export interface EncodeNiftiOptions {
  /** On-disk type; default `'float32'`. */
  datatype?: WritableDatatype;
  /** `scl_slope`: stored = (value − intercept) / slope; default 1. */
  slope?: number;
  /** `scl_inter`, e.g. −1024 for CT stored as unsigned; default 0. */
  intercept?: number;
  /** `sform_code` and `qform_code`; default 2 (aligned), as nibabel writes. */
  formCode?: 0 | 1 | 2 | 3 | 4 | 5;
  /** `descrip` (ASCII, ≤ 79 characters kept). */
  description?: string;
}

function invalidArgument(field: string, value: unknown, message: string): NiftiError {
  return new NiftiError({ code: 'invalid-argument', field, value, message });
}

function checkVolume(volume: Volume): void {
  const { shape, data, affine } = volume;
  if (
    shape.length !== 3 ||
    !shape.every((extent) => Number.isInteger(extent) && extent >= 1 && extent <= 32767)
  ) {
    throw invalidArgument('shape', shape, `shape must be 3 integers in [1, 32767]; got ${shape}`);
  }
  if (data.length !== voxelCount(shape)) {
    throw invalidArgument(
      'data',
      data.length,
      `data must hold ${shape.join('×')} = ${voxelCount(shape)} values; got ${data.length}`,
    );
  }
  const lastRow = affine[3];
  if (
    affine.length !== 4 ||
    !affine.every((row) => row.length === 4) ||
    !isFiniteMatrix(affine) ||
    lastRow?.join(',') !== '0,0,0,1'
  ) {
    throw invalidArgument(
      'affine',
      affine,
      'affine must be 4 rows of 4 finite numbers with last row [0, 0, 0, 1]',
    );
  }
}

/**
 * The two parts of an uncompressed single-file NIfTI-1: the 352-byte header (sform = the affine,
 * qform = nibabel's `set_qform` of it) and the voxel data. The one encoder behind `writeNifti`
 * and {@link encodeNifti}.
 * @throws {NiftiError} `invalid-argument`, `degenerate-affine`, `unrepresentable-value`.
 */
export function encodeNiftiParts(
  volume: Volume,
  options: EncodeNiftiOptions = {},
): [header: Uint8Array, data: Uint8Array] {
  checkVolume(volume);
  const datatype = options.datatype ?? 'float32';
  if (!(datatype in WRITABLE)) {
    throw invalidArgument(
      'datatype',
      datatype,
      `datatype must be float32, int16 or uint8; got ${datatype}`,
    );
  }
  const slope = options.slope ?? 1;
  const intercept = options.intercept ?? 0;
  if (!Number.isFinite(slope) || slope === 0 || !Number.isFinite(intercept)) {
    throw invalidArgument(
      'slope',
      [slope, intercept],
      `slope must be finite and non-zero and intercept finite; got ${slope}, ${intercept}`,
    );
  }
  const header = encodeNifti1Header({
    shape: volume.shape,
    affine: volume.affine,
    datatypeCode: WRITABLE[datatype].code,
    bitpix: WRITABLE[datatype].bytes * 8,
    slope,
    intercept,
    formCode: options.formCode ?? 2,
    description: options.description ?? '',
  });
  return [header, encodeData(volume.data, volume.shape, datatype, slope, intercept)];
}

/**
 * A volume as the bytes of a single-file NIfTI-1 — exactly what `writeNifti` puts in a file
 * (identical once inflated), without touching a file system: browser-safe. With `compress` the
 * bytes are gzipped through the platform's `CompressionStream` (a `.nii.gz`).
 * @param volume - data in C order over `[ni, nj, nk]` (k fastest), affine voxel → world (mm).
 * @throws {NiftiError} `invalid-argument` (bad shape, data length, affine, options),
 *   `degenerate-affine` (a zero column), `unrepresentable-value`.
 * @example
 * ```ts
 * const bytes = await encodeNifti(heatmap, { compress: true });
 * const url = URL.createObjectURL(new Blob([bytes], { type: 'application/gzip' })); // a download link
 * ```
 */
export async function encodeNifti(
  volume: Volume,
  options: EncodeNiftiOptions & { compress?: boolean } = {},
): Promise<Uint8Array> {
  const parts = encodeNiftiParts(volume, options);
  const blob = new Blob(parts as Uint8Array<ArrayBuffer>[]);
  if (!options.compress) return new Uint8Array(await blob.arrayBuffer());
  const gzipped = blob
    .stream()
    .pipeThrough(new CompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(gzipped).arrayBuffer());
}
