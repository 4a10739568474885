import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliInputError } from './cli-error';

/** A run folder's checkpoint: `checkpoints/best`, or `checkpoints/last` when no validation ran. */
export function runCheckpoint(runDir: string): string | null {
  for (const name of ['best', 'last']) {
    const dir = join(runDir, 'checkpoints', name);
    if (existsSync(join(dir, 'ct-fracture.json'))) return dir;
  }
  return null;
}

/**
 * The most recent run folder under `runsDir` that has a checkpoint (by the time its
 * `config.json` was written, which a resumed run refreshes).
 * @throws {CliInputError} when there is none.
 */
export function latestRun(runsDir: string): string {
  const root = resolve(runsDir);
  const runs = existsSync(root)
    ? readdirSync(root, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(root, entry.name))
        .filter((dir) => existsSync(join(dir, 'config.json')) && runCheckpoint(dir) !== null)
    : [];
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
