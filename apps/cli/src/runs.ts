import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { findPublishedFolder } from '@ct-fracture/core/node';
import { CliInputError } from './cli-error';

/**
 * A run folder's checkpoint: `checkpoints/best`, or `checkpoints/last` when no validation ran —
 * also when a killed write left only a complete copy beside it (loading reads that copy).
 */
export async function runCheckpoint(runDir: string): Promise<string | null> {
  for (const name of ['best', 'last']) {
    const dir = join(runDir, 'checkpoints', name);
    const folder = await findPublishedFolder(dir);
    if (folder !== null && existsSync(join(folder, 'ct-fracture.json'))) return dir;
  }
  return null;
}

/**
 * The most recent run folder under `runsDir` that has a checkpoint (by the time its
 * `config.json` was written, which a resumed run refreshes).
 * @throws {CliInputError} when there is none.
 */
export async function latestRun(runsDir: string): Promise<string> {
  const root = resolve(runsDir);
  const candidates = existsSync(root)
    ? readdirSync(root, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(root, entry.name))
        .filter((dir) => existsSync(join(dir, 'config.json')))
    : [];
  const runs: string[] = [];
  for (const dir of candidates) if ((await runCheckpoint(dir)) !== null) runs.push(dir);
  if (runs.length === 0) {
    throw new CliInputError(
      `${root}: no run folder with a checkpoint here; train first (pnpm turbo run train) or pass --checkpoint DIR`,
    );
  }
  const written = (dir: string) => statSync(join(dir, 'config.json')).mtimeMs;
  runs.sort((a, b) => written(b) - written(a) || basename(b).localeCompare(basename(a)));
  return runs[0]!;
}

/** The run folder a checkpoint belongs to (`<run>/checkpoints/<name>`), or null. */
export function runOfCheckpoint(checkpoint: string): string | null {
  const parent = dirname(resolve(checkpoint));
  if (basename(parent) !== 'checkpoints') return null;
  const run = dirname(parent);
  return existsSync(join(run, 'config.json')) ? run : null;
}
