import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Replaces a folder as a whole: `write` fills a fresh temporary folder beside `target`, which then
 * takes `target`'s place by renames (old → `<target>.old-…`, new → `target`, old removed). If
 * `write` fails (disk full, a fault) the temporary folder is removed and `target` is untouched;
 * a crash between the two renames leaves the previous folder as `<target>.old-…`, which
 * {@link resolveFolder} finds.
 * @throws whatever `write` or the filesystem threw; the previous folder is then intact.
 */
export async function replaceFolder(
  target: string,
  write: (temporary: string) => Promise<void>,
): Promise<void> {
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temporary = `${target}.tmp-${suffix}`;
  await mkdir(dirname(target), { recursive: true });
  try {
    await mkdir(temporary);
    await write(temporary);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
  const old = `${target}.old-${suffix}`;
  const hadTarget = await exists(target);
  if (hadTarget) await rename(target, old);
  await rename(temporary, target);
  if (hadTarget) await rm(old, { recursive: true, force: true });
}

/**
 * The folder to read for `target`: `target` itself, or — after a crash in the middle of
 * {@link replaceFolder} — the previous version left as `<target>.old-…`; null when neither exists.
 */
export async function resolveFolder(target: string): Promise<string | null> {
  if (await exists(target)) return target;
  let siblings: string[];
  try {
    siblings = await readdir(dirname(target));
  } catch {
    return null;
  }
  const old = siblings.filter((name) => name.startsWith(`${basename(target)}.old-`)).sort();
  return old.length > 0 ? join(dirname(target), old[old.length - 1]!) : null;
}
