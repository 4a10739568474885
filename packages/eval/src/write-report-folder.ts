import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CtFractureError } from '@ct-fracture/core';
import {
  PUBLISHED_FOLDER_MARKER,
  publishFolder,
  removeTemporaries,
  temporarySibling,
} from '@ct-fracture/core/node';
import { EvaluationError } from './errors/evaluation-error';

/**
 * Whether `out` is missing, empty or holds only what this report writes (a previous report of
 * the same kind): it is then replaced whole. Any other folder (a run folder) keeps what it holds.
 */
async function ownsFolder(out: string, files: readonly string[]): Promise<boolean> {
  const own = new Set([PUBLISHED_FOLDER_MARKER, ...files.map((file) => file.split('/')[0]!)]);
  try {
    return (await readdir(out)).every((entry) => own.has(entry));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

async function writeAll(dir: string, contents: ReadonlyMap<string, string | Uint8Array>) {
  await mkdir(join(dir, 'plots'), { recursive: true });
  for (const [file, data] of contents) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), data);
  }
}

async function moveInto(staging: string, out: string, files: readonly string[]): Promise<void> {
  // The report last, so a reader that sees it sees everything it links to.
  const ordered = [...files.filter((f) => f !== 'report.html'), 'report.html'];
  for (const file of ordered) {
    await mkdir(dirname(join(out, file)), { recursive: true });
    await rename(join(staging, file), join(out, file));
  }
}

/**
 * Writes a report's files (paths relative to `out`, `report.html` among them). A new, empty or
 * previous report folder is replaced whole with `@ct-fracture/core/node`'s `publishFolder`: a
 * kill at any point leaves the old result set or the new one, never `metrics.json` of one
 * beside `predictions.csv` of the other. Into a folder that holds other files (a run folder) the
 * files are staged beside and each renamed into place, `report.html` last, so no file is ever
 * seen half-written.
 * @throws {@link EvaluationError} `io` when the folder cannot be written; FileLockError
 *   (`@ct-fracture/core`) while another process writes it.
 */
export async function writeReportFolder(
  out: string,
  contents: ReadonlyMap<string, string | Uint8Array>,
): Promise<void> {
  try {
    if (await ownsFolder(out, [...contents.keys()])) {
      await publishFolder(out, (dir) => writeAll(dir, contents), { purpose: 'report folder' });
    } else {
      await removeTemporaries(out, { onlyDeadWriters: true });
      const staging = temporarySibling(join(out, 'evaluation'));
      try {
        await writeAll(staging, contents);
        await moveInto(staging, out, [...contents.keys()]);
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    }
  } catch (error) {
    if (CtFractureError.isInstance(error)) throw error;
    throw new EvaluationError({
      code: 'io',
      message: `the output folder must be writable, got ${(error as Error).message}`,
      file: out,
      cause: error,
    });
  }
}
