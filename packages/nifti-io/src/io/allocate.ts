import { NiftiError } from '../errors/nifti-error';
import type { NiftiHeader } from '../header/nifti-header';

/** The longest typed array V8 allows (2^32 − 1 elements on 64-bit Node 20). */
const MAX_TYPED_ARRAY_LENGTH = 2 ** 32 - 1;

/**
 * Allocates a buffer the header asks for, turning V8's RangeErrors (length over the limit,
 * allocation failed) into NiftiErrors that say which dims asked for how much.
 * @throws {NiftiError} `dims-inconsistent` over the typed-array limit, `io` when memory runs out.
 */
export function allocateFor<T>(
  header: NiftiHeader,
  length: number,
  bytes: number,
  make: (length: number) => T,
): T {
  const dims = `${header.shape.join('×')} ${header.datatype}`;
  if (length > MAX_TYPED_ARRAY_LENGTH) {
    throw new NiftiError({
      code: 'dims-inconsistent',
      field: 'dim',
      value: header.shape,
      message: `dim must give at most ${MAX_TYPED_ARRAY_LENGTH} voxels per 3D frame; got ${dims}`,
    });
  }
  try {
    return make(length);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new NiftiError({
      code: 'io',
      field: 'dim',
      value: header.shape,
      message: `memory for dim ${dims} (${(bytes / 2 ** 20).toFixed(0)} MiB) must be available; allocation failed: ${error.message}`,
      cause: error,
    });
  }
}
