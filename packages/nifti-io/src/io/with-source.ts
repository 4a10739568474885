import { NiftiError } from '../errors/nifti-error';
import { type ByteSource, openByteSource } from './byte-source';

/** The name errors use for a source: the path, or `undefined` for in-memory bytes. */
export function sourceName(source: string | Uint8Array, file?: string): string | undefined {
  return file ?? (typeof source === 'string' ? source : undefined);
}

/**
 * Opens `source`, runs `body` on it and always closes it; NiftiErrors leave naming the file.
 * @param file - a name for in-memory bytes in error messages (defaults to the path).
 */
export async function withByteSource<T>(
  source: string | Uint8Array,
  file: string | undefined,
  body: (bytes: ByteSource) => Promise<T>,
): Promise<T> {
  const name = sourceName(source, file);
  let bytes: ByteSource | undefined;
  try {
    bytes = await openByteSource(source);
    return await body(bytes);
  } catch (error) {
    throw NiftiError.isInstance(error) ? error.withFile(name) : error;
  } finally {
    await bytes?.close();
  }
}
