import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A workspace package that is published to npm. */
export interface PublishedPackage {
  name: string;
  dir: string;
}

/** Every non-private package under packages/ and apps/. */
export function publishedPackages(): PublishedPackage[] {
  const found: PublishedPackage[] = [];
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(ROOT, group))) {
      const dir = join(ROOT, group, entry);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        private?: boolean;
      };
      if (!manifest.private) found.push({ name: manifest.name, dir });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** Runs the CLI from the repository root as `node apps/cli/bin/ct-fracture.cjs …`. */
export function runCli(
  args: string[],
  options: { cwd?: string } = {},
): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'apps/cli/bin/ct-fracture.cjs'), ...args],
    {
      cwd: options.cwd ?? ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.error) throw result.error;
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
