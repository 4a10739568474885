import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedPackages } from './workspace';

// How another lab consumes the packages: pack each one, install the tarballs
// into a scratch project with npm, and import them under ESM and CJS.
const packages = publishedPackages();
let scratch = '';

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ct-fracture-pack-'));
  const tarballs = join(scratch, 'tarballs');
  mkdirSync(tarballs);
  for (const pkg of packages) {
    execFileSync('pnpm', ['pack', '--pack-destination', tarballs], {
      cwd: pkg.dir,
      stdio: 'pipe',
    });
  }
  const files = readdirSync(tarballs);
  const fileFor = (name: string) => {
    const prefix = `${name.replace('@', '').replace('/', '-')}-`;
    const file = files.find((candidate) => candidate.startsWith(prefix));
    if (!file) throw new Error(`no tarball for ${name} in ${files.join(', ')}`);
    return `file:${join(tarballs, file)}`;
  };
  const specs = Object.fromEntries(packages.map((pkg) => [pkg.name, fileFor(pkg.name)]));
  const project = join(scratch, 'consumer');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, dependencies: specs, overrides: specs }),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: project,
    stdio: 'pipe',
  });
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('published packages install from their tarballs', () => {
  it.each(packages.map((pkg) => pkg.name))(
    '%s imports under ESM and CJS with the same exports',
    (name) => {
      const project = join(scratch, 'consumer');
      const esm = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort()));`,
        ],
        { cwd: project, encoding: 'utf8' },
      );
      const cjs = execFileSync(
        process.execPath,
        [
          '-e',
          `const m = require(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).sort()));`,
        ],
        { cwd: project, encoding: 'utf8' },
      );
      const esmKeys = JSON.parse(esm) as string[];
      expect(esmKeys.length).toBeGreaterThan(0);
      expect(JSON.parse(cjs)).toEqual(esmKeys);
    },
  );

  it('installs the ct-fracture bin, which prints its help', () => {
    const project = join(scratch, 'consumer');
    const help = execFileSync(join(project, 'node_modules/.bin/ct-fracture'), ['--help'], {
      encoding: 'utf8',
    });
    expect(help).toContain('Usage: ct-fracture');
  });

  it('carries the built viewer: ct-fracture view serves it from the installed package', async () => {
    const project = join(scratch, 'consumer');
    const child = spawn(join(project, 'node_modules/.bin/ct-fracture'), ['view', '--port', '0'], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk;
          if (out.includes('\n')) resolve(out.trim());
        });
        child.on('exit', (code) => reject(new Error(`view exited with ${code}`)));
      });
      const page = await (await fetch(url)).text();
      expect(page).toContain('<title>ct-fracture viewer</title>');
      const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page)?.[1];
      expect(script).toBeDefined();
      expect((await fetch(new URL(script!, url))).status).toBe(200);
    } finally {
      child.kill('SIGINT');
    }
  });
});
