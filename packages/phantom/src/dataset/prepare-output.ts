import { mkdir, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PhantomError } from '../errors/phantom-error';

async function entries(path: string): Promise<string[] | null> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) {
      throw new PhantomError({
        code: 'output-exists',
        file: path,
        message: 'the output must be a folder (or not exist yet), got a file',
      });
    }
    return await readdir(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Makes the output folders, refusing a non-empty output folder unless `force`.
 * With `force`, scans (`*.nii`, `*.nii.gz`, series folders) in the split folders that the new
 * dataset does not write are deleted, so no stale scan is left without a label
 * row; other files are left alone.
 * @param keep - scan paths (relative to `root`) the new dataset writes.
 * @throws {PhantomError} (`output-exists`) for a non-empty folder without `force`, or a file in its place; (`io`) otherwise.
 */
export async function prepareOutput(
  root: string,
  folders: readonly string[],
  keep: ReadonlySet<string>,
  force: boolean,
): Promise<void> {
  const existing = await entries(root);
  if (existing !== null && existing.length > 0 && !force) {
    throw new PhantomError({
      code: 'output-exists',
      file: root,
      message: `the output folder must be empty or absent (pass --force to overwrite); it holds ${existing.length} entries`,
    });
  }
  try {
    for (const folder of folders) {
      await mkdir(join(root, folder), { recursive: true });
      for (const entry of (await readdir(join(root, folder), { withFileTypes: true })).sort(
        (a, b) => a.name.localeCompare(b.name),
      )) {
        const relative = `${folder}/${entry.name}`;
        if (keep.has(relative)) continue;
        if (entry.isDirectory() && !entry.name.startsWith('.')) {
          await rm(join(root, relative), { recursive: true, force: true });
        } else if (/\.nii(\.gz)?$/i.test(entry.name)) await unlink(join(root, relative));
      }
    }
  } catch (error) {
    throw new PhantomError({
      code: 'io',
      file: root,
      message: `the output folder must be writable; ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
}
