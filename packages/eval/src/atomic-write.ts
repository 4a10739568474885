import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EvaluationError } from './errors/evaluation-error';

/** A name beside `path` that no other writer uses: `.<name>.tmp-<pid>-<random>`. */
export function temporarySibling(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

/**
 * Writes a file atomically: to a temporary name in the same folder, then renamed over `path`,
 * so a reader never sees a partial file. Creates the folder if needed.
 * @param path - destination file.
 * @param data - the contents (strings as UTF-8).
 * @throws {@link EvaluationError} `io` when the folder cannot be created or the file written.
 * @example
 * ```ts
 * await writeFileAtomic('out/metrics.json', '{}\n');
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = temporarySibling(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new EvaluationError({
      code: 'io',
      message: `the file must be writable, got ${(error as Error).message}`,
      file: path,
      cause: error,
    });
  }
}
