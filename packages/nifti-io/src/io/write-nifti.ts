import { createGzip } from 'node:zlib';
import { writeFileAtomic } from '@ct-fracture/core/node';
import { isFiniteMatrix } from '../affine/mat4';
import { NiftiError } from '../errors/nifti-error';
import { type Volume, voxelCount } from '../volume';
import { encodeData, WRITABLE, type WritableDatatype } from './encode-data';
import { encodeNifti1Header } from './encode-nifti1';

/** gzip of the concatenated chunks, without first joining them into one copy. */
async function gzipChunks(chunks: readonly Uint8Array[], level: number): Promise<Uint8Array[]> {
  const gzip = createGzip({ level });
  const out: Uint8Array[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve);
    gzip.on('error', reject);
  });
  for (const chunk of chunks) gzip.write(chunk);
  gzip.end();
  await done;
  return out;
}

/** Options of {@link writeNifti}. */
export interface WriteNiftiOptions {
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
  /** gzip the file; default: when the path ends in `.gz`. */
  compress?: boolean;
  /** gzip level 1‥9; default 6. */
  compressionLevel?: number;
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
 * Writes a volume as a single-file NIfTI-1 (`.nii`, or gzipped `.nii.gz`), atomically
 * (temporary file + rename). Both sform (the affine) and qform (nibabel's `set_qform` of it)
 * are set with `formCode`, `pixdim` = the affine's column lengths, so 3D Slicer, ITK-SNAP and
 * nibabel place it identically. Reading it back with {@link readNifti} returns the same data
 * (exactly for float32; for integer types when values are `intercept + slope · integer`) and
 * the affine rounded to float32.
 * @param path - destination; compressed when it ends in `.gz` unless `compress` says otherwise.
 * @param volume - data in C order over `[ni, nj, nk]` (k fastest), affine voxel → world (mm).
 * @throws {NiftiError} `invalid-argument` (bad shape, data length, affine, options),
 *   `degenerate-affine` (a zero column), `unrepresentable-value` (an integer type cannot hold
 *   a value), `io` (naming the file).
 * @example
 * ```ts
 * await writeNifti('heatmap.nii.gz', { data, shape: [128, 128, 128], spacingMm: [1, 1, 1], affine });
 * await writeNifti('ct.nii', ctVolume, { datatype: 'int16', intercept: -1024 });
 * ```
 */
export async function writeNifti(
  path: string,
  volume: Volume,
  options: WriteNiftiOptions = {},
): Promise<void> {
  try {
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
    const data = encodeData(volume.data, volume.shape, datatype, slope, intercept);
    const compress = options.compress ?? path.toLowerCase().endsWith('.gz');
    const level = options.compressionLevel ?? 6;
    if (!Number.isInteger(level) || level < 1 || level > 9) {
      throw invalidArgument(
        'compressionLevel',
        level,
        `compressionLevel must be 1‥9; got ${level}`,
      );
    }
    const chunks = compress ? await gzipChunks([header, data], level) : [header, data];
    await writeFileAtomic(path, chunks, { createFolder: false }).catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      throw new NiftiError({
        code: 'io',
        file: path,
        message: `the file must be writable; ${detail}`,
        cause: error,
      });
    });
  } catch (error) {
    throw NiftiError.isInstance(error) ? error.withFile(path) : error;
  }
}
