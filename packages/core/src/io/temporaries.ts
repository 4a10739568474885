import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMPORARY = /^\..+\.(tmp|old)-(\d+)-[0-9a-f]+$/;

/**
 * A hidden name beside `path` for its previous version while a new one replaces it:
 * `.<name>.old-<pid>-<random>` (the counterpart of `temporarySibling`'s `.tmp-`).
 * @param path - the published file or folder.
 */
export function asideSibling(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.old-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

/**
 * True for the name of a temporary made by `temporarySibling` or {@link asideSibling} (any final
 * name, any process): what a killed writer leaves behind.
 * @param name - a folder entry's name.
 */
export function isTemporaryName(name: string): boolean {
  return TEMPORARY.test(name);
}

/** Options of {@link removeTemporaries}. */
export interface RemoveTemporariesOptions {
  /** Also look inside sub-folders (default false). */
  recursive?: boolean;
  /**
   * Remove only temporaries whose writer (the PID in the name) is gone: this process's own PID
   * (call it before this process writes there) or a PID that no longer exists. Default false:
   * every temporary, for folders no other process writes (e.g. under the folder's lock).
   */
  onlyDeadWriters?: boolean;
}

function writerGone(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Deletes the temporaries killed writers left in a folder (files and folders named by
 * `temporarySibling` / {@link asideSibling}).
 * @returns the paths removed.
 * @throws the file-system error when the folder cannot be read (a missing folder is empty).
 */
export async function removeTemporaries(
  dir: string,
  options: RemoveTemporariesOptions = {},
): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    const match = TEMPORARY.exec(entry.name);
    if (match !== null) {
      if (options.onlyDeadWriters && !writerGone(Number(match[2]))) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(path);
    } else if (options.recursive && entry.isDirectory()) {
      removed.push(...(await removeTemporaries(path, options)));
    }
  }
  return removed;
}
