import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The checkpoint folder to read for `target`: `target` itself, or — after a crash between the two
 * renames of an atomic checkpoint write — the previous version, left beside it as
 * `.<name>.old-…` (or `<name>.old-…`); null when neither exists.
 * @example
 * const last = await resolveFolder('runs/x/checkpoints/last');
 */
export async function resolveFolder(target: string): Promise<string | null> {
  try {
    await stat(target);
    return target;
  } catch {
    // Not there: look for the previous version moved aside.
  }
  let siblings: string[];
  try {
    siblings = await readdir(dirname(target));
  } catch {
    return null;
  }
  const name = basename(target);
  const old = siblings
    .filter((entry) => entry.startsWith(`.${name}.old-`) || entry.startsWith(`${name}.old-`))
    .sort();
  return old.length > 0 ? join(dirname(target), old[old.length - 1]!) : null;
}
