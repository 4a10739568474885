import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PhantomError } from '../errors/phantom-error';

let counter = 0;

/**
 * Writes text to `path` atomically: to a temporary name in the same folder,
 * then renamed over `path`, so a reader never sees half a file.
 * @throws {PhantomError} (`io`) naming the file.
 * @example
 * await writeTextAtomic('/data/train_labels.csv', csv);
 */
export async function writeTextAtomic(path: string, text: string): Promise<void> {
  counter += 1;
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${counter}.tmp`);
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new PhantomError({
      code: 'io',
      file: path,
      message: `the file must be writable; ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
}
