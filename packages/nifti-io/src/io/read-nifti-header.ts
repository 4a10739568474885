import type { NiftiHeader } from '../header/nifti-header';
import { readHeaderFrom } from './read-header';
import { withByteSource } from './with-source';

/**
 * Reads only the header of a NIfTI-1/2 file (`.nii` or `.nii.gz`, gzip detected by content):
 * fast (at most one inflated chunk), for dataset checks.
 * @param source - a file path, or the file's bytes.
 * @param options.file - a name for in-memory bytes in error messages.
 * @returns the validated header with nibabel's derived shape, zooms, scaling, affine and
 *   orientation.
 * @throws {NiftiError} `io`, `truncated-header`, `bad-magic`, `corrupt-gzip`,
 *   `dims-inconsistent`, `unsupported-datatype`, `invalid-header` (naming the file).
 * @example
 * ```ts
 * const header = await readNiftiHeader('scan.nii.gz');
 * console.log(header.shape, header.orientation); // [512, 512, 320] 'LPS'
 * ```
 */
export async function readNiftiHeader(
  source: string | Uint8Array,
  options: { file?: string } = {},
): Promise<NiftiHeader> {
  return withByteSource(source, options.file, readHeaderFrom);
}
