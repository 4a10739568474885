import { mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { acquireLock } from './lock-file';
import { asideSibling, isTemporaryName, removeTemporaries } from './temporaries';
import { temporarySibling } from './write-file-atomic';

/**
 * The file a published folder carries, written last: its presence makes a copy complete, and
 * its `step` orders copies (the newest complete copy wins recovery).
 */
export const PUBLISHED_FOLDER_MARKER = '.ct-fracture-folder.json';

interface Marker {
  format: 'ct-fracture-folder';
  formatVersion: 1;
  step: number;
}

/** Options of {@link publishFolder}. */
export interface PublishFolderOptions {
  /**
   * Orders the versions of the folder: recovery after a crash keeps the complete copy with the
   * largest step (a trainer passes its global step; default `Date.now()`).
   */
  step?: number;
  /** What the folder is, for lock messages (default `folder`). */
  purpose?: string;
}

/** What {@link recoverPublishedFolder} did. */
export interface FolderRecovery {
  /** The published folder afterwards, or null when no complete copy exists. */
  folder: string | null;
  /** The hidden copy renamed into place (a newer complete copy than the folder), if any. */
  promoted: string | null;
  /** Hidden copies and temporaries deleted. */
  removed: string[];
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The recorded step of a copy, or null when it is not complete. */
async function recordedStep(dir: string): Promise<number | null> {
  try {
    const marker = JSON.parse(await readFile(join(dir, PUBLISHED_FOLDER_MARKER), 'utf8')) as Marker;
    return marker.format === 'ct-fracture-folder' && Number.isFinite(marker.step)
      ? marker.step
      : null;
  } catch {
    return null;
  }
}

/** `.<name>.tmp-…` (being written, or written and not yet renamed) and `.<name>.old-…` (moved aside). */
async function hiddenCopies(target: string): Promise<string[]> {
  const name = basename(target);
  let entries: string[];
  try {
    entries = await readdir(dirname(target));
  } catch {
    return [];
  }
  return entries
    .filter(
      (entry) =>
        isTemporaryName(entry) &&
        (entry.startsWith(`.${name}.tmp-`) || entry.startsWith(`.${name}.old-`)),
    )
    .sort()
    .map((entry) => join(dirname(target), entry));
}

/** The complete copy with the largest step (the published folder wins a tie), or null. */
async function newestComplete(target: string): Promise<{ path: string; step: number } | null> {
  let best: { path: string; step: number } | null = null;
  if (await isDirectory(target)) {
    // The published folder is complete by construction (it only ever appears by rename).
    best = { path: target, step: (await recordedStep(target)) ?? Number.NEGATIVE_INFINITY };
  }
  for (const copy of await hiddenCopies(target)) {
    const step = await recordedStep(copy);
    if (step !== null && (best === null || step > best.step)) best = { path: copy, step };
  }
  return best;
}

/** Deletes a copy so that no crash half-way leaves it looking complete: the marker goes first. */
async function discard(dir: string): Promise<void> {
  await unlink(join(dir, PUBLISHED_FOLDER_MARKER)).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}

/**
 * The folder to read for `target`: `target` itself when it exists, else — after a crash in the
 * middle of a swap — the newest complete hidden copy beside it; null when there is none. Changes
 * nothing (safe while a writer works; {@link recoverPublishedFolder} repairs).
 * @example
 * const dir = await findPublishedFolder('runs/x/checkpoints/last');
 */
export async function findPublishedFolder(target: string): Promise<string | null> {
  if (await isDirectory(target)) return target;
  return (await newestComplete(target))?.path ?? null;
}

async function recoverUnlocked(target: string): Promise<FolderRecovery> {
  const newest = await newestComplete(target);
  let promoted: string | null = null;
  if (newest !== null && newest.path !== target) {
    if (await isDirectory(target)) await rename(target, asideSibling(target));
    await rename(newest.path, target);
    promoted = newest.path;
  }
  const removed: string[] = [];
  for (const copy of await hiddenCopies(target)) {
    await discard(copy);
    removed.push(copy);
  }
  if (newest !== null) removed.push(...(await removeTemporaries(target)));
  return { folder: newest === null ? null : target, promoted, removed };
}

function lockOf(target: string): string {
  return join(dirname(target), `.${basename(target)}.lock`);
}

/**
 * Repairs a published folder after a crash, deterministically: the complete copy with the
 * largest recorded step among `target` and its hidden copies (`.<name>.tmp-…`, `.<name>.old-…`)
 * becomes `target`; every other copy and the temporaries inside `target` are deleted.
 * Takes the folder's lock (`.<name>.lock` beside it) while it works.
 * @throws {FileLockError} `locked` while another process writes the folder; the file-system error
 *   when the parent folder cannot be changed.
 * @example
 * const { folder, removed } = await recoverPublishedFolder('runs/x/checkpoints/last');
 */
export async function recoverPublishedFolder(
  target: string,
  options: Pick<PublishFolderOptions, 'purpose'> = {},
): Promise<FolderRecovery> {
  if (!(await isDirectory(dirname(target)))) return { folder: null, promoted: null, removed: [] };
  const lock = await acquireLock(lockOf(target), { purpose: options.purpose });
  try {
    return await recoverUnlocked(target);
  } finally {
    await lock.release();
  }
}

/**
 * Edits a published folder in place — single files, each replaced atomically (e.g. with
 * `writeFileAtomic`) — under the folder's lock, after recovering it (so the edit goes to the
 * newest complete copy, at `target`).
 * @param edit - receives the folder (`target`); runs while no other process writes it.
 * @throws {FileLockError} while another process writes the folder; what `edit` throws; a
 *   file-system error naming `target` when no complete copy exists.
 * @example
 * ```ts
 * await editPublishedFolder('runs/x/checkpoints/best', (dir) =>
 *   writeFileAtomic(join(dir, 'ct-fracture.json'), text, { createFolder: false }));
 * ```
 */
export async function editPublishedFolder<T>(
  target: string,
  edit: (dir: string) => Promise<T>,
  options: Pick<PublishFolderOptions, 'purpose'> = {},
): Promise<T> {
  const lock = await acquireLock(lockOf(target), { purpose: options.purpose });
  try {
    await recoverUnlocked(target);
    return await edit(target);
  } finally {
    await lock.release();
  }
}

/**
 * Publishes a folder crash-safely — the one protocol for every folder the tools write whole
 * (checkpoints, validation output). Under the folder's lock: recover (as
 * {@link recoverPublishedFolder}); `write` fills a hidden temporary sibling; a marker recording
 * `step` is written last; then the previous folder is moved aside, the new one renamed into
 * place and the previous one deleted. A `kill -9` at any point leaves either the previous or the
 * new folder complete — at `target`, or beside it until the next recovery
 * ({@link findPublishedFolder} finds it meanwhile).
 * @param target - the folder to publish (its parent is created).
 * @param write - writes the contents into the folder it is given.
 * @throws what `write` throws (the temporary is removed; `target` is untouched), {@link FileLockError}
 *   `locked`/`lock-io`, or the file-system error of the swap.
 * @example
 * ```ts
 * await publishFolder('out/validation', async (dir) => {
 *   await writeFile(join(dir, 'metrics.json'), text);
 * }, { step: Date.now() });
 * ```
 */
export async function publishFolder(
  target: string,
  write: (dir: string) => Promise<void>,
  options: PublishFolderOptions = {},
): Promise<void> {
  const step = options.step ?? Date.now();
  await mkdir(dirname(target), { recursive: true });
  const lock = await acquireLock(lockOf(target), { purpose: options.purpose });
  try {
    await recoverUnlocked(target);
    const temporary = temporarySibling(target);
    try {
      await mkdir(temporary);
      await write(temporary);
      const marker: Marker = { format: 'ct-fracture-folder', formatVersion: 1, step };
      await writeFile(join(temporary, PUBLISHED_FOLDER_MARKER), `${JSON.stringify(marker)}\n`, {
        flush: true,
      });
    } catch (error) {
      await discard(temporary);
      throw error;
    }
    if (!(await isDirectory(target))) {
      await rename(temporary, target);
      return;
    }
    const aside = asideSibling(target);
    await rename(target, aside);
    try {
      await rename(temporary, target);
    } catch (error) {
      await rename(aside, target).catch(() => undefined);
      await discard(temporary);
      throw error;
    }
    await discard(aside);
  } finally {
    await lock.release();
  }
}
