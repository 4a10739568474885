import { createGzip } from 'node:zlib';
import { writeFileAtomic } from '@ct-fracture/core/node';
import { NiftiError } from '../errors/nifti-error';
import type { Volume } from '../volume';
import { type EncodeNiftiOptions, encodeNiftiParts } from './encode-nifti';

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
export interface WriteNiftiOptions extends EncodeNiftiOptions {
  /** gzip the file; default: when the path ends in `.gz`. */
  compress?: boolean;
  /** gzip level 1‥9; default 6. */
  compressionLevel?: number;
}

function invalidArgument(field: string, value: unknown, message: string): NiftiError {
  return new NiftiError({ code: 'invalid-argument', field, value, message });
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
    const [header, data] = encodeNiftiParts(volume, options);
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
