import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { temporarySibling } from '@ct-fracture/core/node';
import { EvaluationError } from './errors/evaluation-error';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
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
 * Writes an evaluation's files (paths relative to `out`, `report.html` among them) through a
 * staging folder: a new `out` appears whole by one rename; into an existing `out` each file is
 * renamed into place, `report.html` last, so no file is ever seen half-written.
 * @throws {@link EvaluationError} `io` when the folder cannot be written.
 */
export async function writeReportFolder(
  out: string,
  contents: ReadonlyMap<string, string | Uint8Array>,
): Promise<void> {
  const outExists = await exists(out);
  const staging = outExists
    ? join(out, `.evaluation.tmp-${process.pid}-${Date.now()}`)
    : temporarySibling(out);
  try {
    await mkdir(join(staging, 'plots'), { recursive: true });
    for (const [file, data] of contents) {
      await mkdir(dirname(join(staging, file)), { recursive: true });
      await writeFile(join(staging, file), data);
    }
    if (outExists) await moveInto(staging, out, [...contents.keys()]);
    else await rename(staging, out);
  } catch (error) {
    throw new EvaluationError({
      code: 'io',
      message: `the output folder must be writable, got ${(error as Error).message}`,
      file: out,
      cause: error,
    });
  } finally {
    if (outExists || (await exists(staging))) await rm(staging, { recursive: true, force: true });
  }
}
