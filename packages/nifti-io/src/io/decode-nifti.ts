import { NiftiError } from '../errors/nifti-error';
import type { NiftiHeader } from '../header/nifti-header';
import type { NonFiniteVoxels } from './check-finite';
import { type NiftiImage, readImageFrom } from './read-image';
import { openStreamSource } from './stream-source';

/** Options of {@link decodeNifti}. */
export interface DecodeNiftiOptions {
  /**
   * Which 3D frame of a 4D+ image to read (index over `dim[4..7]` flattened). Required for an
   * image of more than one frame, as in `readNifti`; a 3D image has frame 0 only.
   */
  frame?: number;
  /** NaN or ±∞ voxels: `'error'` (default, a `non-finite-data` error, as `readNifti`) or `'keep'`. */
  nonFinite?: NonFiniteVoxels;
  /** A name for the bytes in error messages (default: the `File`'s name, if any). */
  file?: string;
  /**
   * Called with the parsed header before any voxel is allocated or inflated: throw to refuse
   * the image (a 4D series, a volume too large for this device).
   */
  checkHeader?: (header: NiftiHeader) => void;
}

/**
 * Reads a NIfTI-1 or NIfTI-2 image held in memory or in a `Blob` / `File` — in a browser as in
 * Node: the same result as `readNifti` (nibabel's affine, scaled float32 data in model layout
 * `[ni, nj, nk]`, k fastest) without any `node:` module; gzip (detected by content) is inflated
 * as a stream through the platform's `DecompressionStream`.
 * @param source - the file's bytes, or a `Blob` (a file chosen or dropped in a page).
 * @throws {NiftiError} as `readNifti`: `truncated-header`, `truncated-data`, `bad-magic`,
 *   `corrupt-gzip`, `vox-offset-past-end`, `dims-inconsistent`, `unsupported-datatype`,
 *   `invalid-header` (naming the file), `invalid-argument` for a frame out of range; and what
 *   `checkHeader` throws.
 * @example
 * ```ts
 * const file = input.files[0]; // <input type="file"> in a page
 * const { header, volume } = await decodeNifti(file);
 * console.log(file.name, volume.shape, header.datatype);
 * ```
 */
export async function decodeNifti(
  source: Uint8Array | Blob,
  options: DecodeNiftiOptions = {},
): Promise<NiftiImage> {
  const file = options.file ?? (source instanceof Uint8Array ? undefined : blobName(source));
  const bytes = await openStreamSource(source);
  try {
    return await readImageFrom(
      bytes,
      options.frame,
      options.checkHeader,
      (options.nonFinite ?? 'error') === 'error',
    );
  } catch (error) {
    throw NiftiError.isInstance(error) ? error.withFile(file) : error;
  } finally {
    await bytes.close();
  }
}

function blobName(blob: Blob): string | undefined {
  const name = (blob as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}
