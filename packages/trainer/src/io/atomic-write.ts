import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a file atomically: the bytes go to a temporary name in the same folder, which is then
 * renamed over the target, so readers see either the old file or the whole new one — never a
 * torn one. On failure (disk full, …) the temporary file is removed and the target is untouched.
 * @throws the underlying filesystem error.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array | readonly Uint8Array[],
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) {
      await writeFile(temporary, data);
    } else {
      await writeFile(temporary, data as Uint8Array[]);
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
