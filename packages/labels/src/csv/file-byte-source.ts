import { closeSync, openSync, readSync } from 'node:fs';
import { LabelError } from '../errors/label-error';
import type { ByteSource } from './byte-source';

function ioError(path: string, error: unknown): LabelError {
  return new LabelError({
    code: 'io',
    file: path,
    message: `the label CSV must be a readable file, got ${(error as Error).message}`,
    cause: error,
  });
}

/**
 * Reads a file through a {@link ByteSource} (chunks, never the whole file), then closes it.
 * @throws LabelError `io` when the file cannot be opened or read.
 * @example
 * withFileSource('labels.csv', (source) => scanCsv(source, options));
 */
export function withFileSource<T>(path: string, use: (source: ByteSource) => T): T {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    throw ioError(path, error);
  }
  try {
    return use({
      read(position, into) {
        try {
          return readSync(descriptor, into, 0, into.length, position);
        } catch (error) {
          throw ioError(path, error);
        }
      },
    });
  } finally {
    closeSync(descriptor);
  }
}
