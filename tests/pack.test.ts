import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkTarball,
  lintTarball,
  packagesBundlingGradients,
} from '../scripts/rehearsal/tarball-checks.mjs';
import { publishedPackages, ROOT } from './workspace';

// How another lab consumes the packages: pack each one (as built: the release rehearsal,
// scripts/release-rehearsal.mjs, does it from a clean copy through a registry), check each
// tarball, install them with npm into a scratch project, and use them under ESM and CJS.
const packages = publishedPackages();
let scratch = '';
const tarballOf = new Map<string, string>();

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ct-fracture-pack-'));
  const tarballs = join(scratch, 'tarballs');
  mkdirSync(tarballs);
  for (const pkg of packages) {
    // turbo has built every package before this test runs: no prepack build here.
    execFileSync('pnpm', ['pack', '--config.ignore-scripts=true', '--pack-destination', tarballs], {
      cwd: pkg.dir,
      stdio: 'pipe',
    });
  }
  const files = readdirSync(tarballs);
  for (const pkg of packages) {
    const prefix = `${pkg.name.replace('@', '').replace('/', '-')}-`;
    const file = files.find((candidate) => candidate.startsWith(prefix));
    if (!file) throw new Error(`no tarball for ${pkg.name} in ${files.join(', ')}`);
    tarballOf.set(pkg.name, join(tarballs, file));
  }
  const specs = Object.fromEntries(
    packages.map((pkg) => [pkg.name, `file:${tarballOf.get(pkg.name)}`]),
  );
  const project = join(scratch, 'consumer');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      dependencies: {
        ...specs,
        '@tensorflow/tfjs-core': '^4.22.0',
        '@tensorflow/tfjs-backend-cpu': '^4.22.0',
      },
      overrides: specs,
    }),
  );
  // The rehearsal builds the oneDNN addon from the registry; here its build is skipped, which
  // is also how the skipped-build message is checked below.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: project,
    stdio: 'pipe',
    env: { ...process.env, CTF_ONEDNN_SKIP_BUILD: '1' },
  });
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function node(args: string[]): string {
  return execFileSync(process.execPath, args, {
    cwd: join(scratch, 'consumer'),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('published packages install from their tarballs', () => {
  it.each(packages.map((pkg) => pkg.name))(
    '%s imports under ESM and CJS with the same exports',
    (name) => {
      const esm = node([
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort()));`,
      ]);
      const cjs = node([
        '-e',
        `const m = require(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).sort()));`,
      ]);
      const esmKeys = JSON.parse(esm) as string[];
      expect(esmKeys.length).toBeGreaterThan(0);
      expect(JSON.parse(cjs)).toEqual(esmKeys);
    },
  );

  it.each(packages.map((pkg) => pkg.name))(
    '%s: licence, notices, repository links, no source maps, each module bundled once',
    (name) => {
      expect(checkTarball(tarballOf.get(name)).problems).toEqual([]);
    },
  );

  it.each(packages.map((pkg) => [pkg.name, pkg.dir]))(
    '%s builds itself (and what it depends on) before it is packed or published',
    (name, dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      };
      expect(manifest.scripts.prepack).toBe(
        `turbo run build --filter=${name} --output-logs=errors-only`,
      );
    },
  );

  it.each(packages.map((pkg) => [pkg.name, pkg.dir]))(
    "%s carries the repository's LICENSE unchanged",
    (_name, dir) => {
      expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toBe(
        readFileSync(join(ROOT, 'LICENSE'), 'utf8'),
      );
    },
  );

  it.each(packages.map((pkg) => pkg.name))(
    '%s: publint --strict and attw are clean',
    async (name) => {
      expect(await lintTarball(tarballOf.get(name))).toEqual([]);
    },
  );

  it("bundles tfjs-core's gradients in one package only (densenet3d's register-gradients)", () => {
    const holders = packagesBundlingGradients([...tarballOf.values()]);
    expect(holders.map((holder) => holder.name)).toEqual(['@ct-fracture/densenet3d']);
  });

  it.each([
    ['CJS', 'require'],
    ['ESM', 'import'],
  ])(
    '%s: a model created through the main entry saves and loads through /node in one process (one module instance)',
    (_format, loader) => {
      const load = (specifier: string) =>
        loader === 'require'
          ? `require(${JSON.stringify(specifier)})`
          : `await import(${JSON.stringify(specifier)})`;
      const script = `
      ${load('@tensorflow/tfjs-backend-cpu')};
      const tf = ${load('@tensorflow/tfjs-core')};
      const main = ${load('@ct-fracture/densenet3d')};
      const node = ${load('@ct-fracture/densenet3d/node')};
      const labels = ${load('@ct-fracture/labels')};
      const run = async () => {
        await tf.setBackend('cpu');
        const spec = labels.DEFAULT_LABEL_SPEC;
        const heads = main.headsFromTasks(spec.tasks);
        const body = { ...main.densenetPreset('densenet121'), initFeatures: 4, growthRate: 2, blockConfig: [1, 1] };
        const model = main.createDenseNet3d({ body, heads }, { seed: 1 });
        const preprocessing = { windowHu: [-500, 1300], outputRange: [0, 1], size: [16, 16, 16], reorientToRas: false, spacingMm: null, resizeMode: 'area' };
        await node.saveCheckpoint('ck', model, { labelSpec: spec, preprocessing, provenance: { source: 'pack test' } });
        const { model: restored } = await node.loadCheckpoint('ck');
        if (!(restored instanceof main.DenseNet3d)) throw new Error('loadCheckpoint returned another copy of DenseNet3d');
        console.log(restored.config.heads.length);
      };
      ${loader === 'require' ? 'run().catch((error) => { console.error(error); process.exit(1); });' : 'await run();'}
    `;
      const out = node(
        loader === 'require' ? ['-e', script] : ['--input-type=module', '-e', script],
      );
      expect(Number(out.trim())).toBeGreaterThan(0);
    },
  );

  it('reports a skipped addon build (npm hides install-script output) through oneDnnStatus()', () => {
    const status = JSON.parse(
      node([
        '-e',
        "process.stdout.write(JSON.stringify(require('@ct-fracture/tfjs-backend-onednn').oneDnnStatus()))",
      ]),
    ) as { available: boolean; reason: string; hint: string };
    expect(status.available).toBe(false);
    expect(status.reason).toContain('CTF_ONEDNN_SKIP_BUILD=1');
    expect(status.hint).toContain('npm rebuild @ct-fracture/tfjs-backend-onednn');
  });

  it('installs the ct-fracture bin, which prints its help', () => {
    const help = execFileSync(
      join(scratch, 'consumer', 'node_modules/.bin/ct-fracture'),
      ['--help'],
      { encoding: 'utf8' },
    );
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
      // The minified bundle loses its licence headers: the texts travel beside it.
      const licences = await (await fetch(new URL('third-party-licenses.txt', url))).text();
      for (const name of ['@niivue/niivue@', '@tensorflow/tfjs-core@', 'dicom-parser@']) {
        expect(licences).toContain(name);
      }
      expect(licences).toContain('Apache License');
    } finally {
      child.kill('SIGINT');
    }
  });
});
