import { writeFileAtomic } from '@ct-fracture/core/node';
import { PhantomError } from '../errors/phantom-error';

/**
 * Writes text to `path` atomically (`writeFileAtomic` of `@ct-fracture/core/node`: a temporary
 * name in the same folder, then a rename), so a reader never sees half a file.
 * @throws {PhantomError} (`io`) naming the file.
 * @example
 * await writeTextAtomic('/data/train_labels.csv', csv);
 */
export async function writeTextAtomic(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, text, { createFolder: false });
  } catch (error) {
    throw new PhantomError({
      code: 'io',
      file: path,
      message: `the file must be writable; ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
}
