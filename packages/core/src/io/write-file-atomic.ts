import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A hidden name beside `path` that no other writer uses: `.<name>.tmp-<pid>-<random>`.
 * Leftovers of killed writers match {@link isTemporarySibling}.
 * @param path - the file or folder that will be published under its final name.
 */
export function temporarySibling(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

/**
 * True for a name made by {@link temporarySibling} for `finalName` (by any process).
 * @param name - a folder entry's name.
 * @param finalName - the published name it would have become.
 */
export function isTemporarySibling(name: string, finalName: string): boolean {
  return name.startsWith(`.${finalName}.tmp-`);
}

/** Options of {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /** Create the parent folder when it is missing (default true). */
  createFolder?: boolean;
  /** Flush the file to the disk before the rename, so a power cut cannot publish an empty file (default true). */
  durable?: boolean;
}

/**
 * Writes a file atomically: the bytes go to a hidden temporary name in the same folder, which is
 * then renamed over `path`, so a reader — or a run resumed after `kill -9` — sees either the old
 * file or the whole new one, never a torn one. On failure (disk full, read-only folder…) the
 * temporary file is removed and `path` is untouched.
 * @param path - destination file.
 * @param data - the contents: a string (UTF-8), bytes, or a list of byte chunks written in order.
 * @param options - folder creation and durability.
 * @throws the underlying file-system error (`ENOSPC`, `EACCES`, `EROFS`, …); callers wrap it in
 * their package's error with the file named.
 * @example
 * ```ts
 * await writeFileAtomic('runs/a/config.json', `${JSON.stringify(config, null, 2)}\n`);
 * ```
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array | readonly Uint8Array[],
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  if (options.createFolder ?? true) await mkdir(dirname(path), { recursive: true });
  const temporary = temporarySibling(path);
  try {
    const handle = await open(temporary, 'wx');
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
      else for (const chunk of data) await handle.writeFile(chunk);
      if (options.durable ?? true) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
