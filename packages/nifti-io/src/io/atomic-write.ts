import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { NiftiError } from '../errors/nifti-error';

let counter = 0;

/**
 * Writes `chunks` to `path` atomically: to a temporary name in the same directory, then
 * renamed over `path`, so a reader never sees a half-written file.
 * @throws {NiftiError} `io` naming `path` when the directory is missing or not writable.
 */
export async function writeFileAtomic(path: string, chunks: readonly Uint8Array[]): Promise<void> {
  counter += 1;
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${counter}.tmp`);
  try {
    await writeFile(temporary, chunks);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    const detail = error instanceof Error ? error.message : String(error);
    throw new NiftiError({
      code: 'io',
      file: path,
      message: `the file must be writable; ${detail}`,
      cause: error,
    });
  }
}
