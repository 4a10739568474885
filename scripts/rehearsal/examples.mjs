// Runs every README example in an installed app: typechecked with the app's own TypeScript
// (strict, exactOptionalPropertyTypes, under node16 and bundler resolution), then executed with
// Node as an ES module and as a CommonJS module, each in a fresh folder holding a copy of the
// app's demo data.

import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import {
  importedSpecifiers,
  installedPackages,
  moduleVariants,
  packageOfSpecifier,
  readmeExamples,
  transpileExample,
} from './readme-examples.mjs';
import { RehearsalError, run } from './run-step.mjs';

const BUILTINS = new Set(builtinModules);

/**
 * Checks that every package a README's examples import is on that README's install line (or is
 * a Node built-in), so `npm install <the line>` + the example runs.
 * @returns the problems, one line each (empty when none).
 */
export function installLineProblems(readme) {
  const examples = readmeExamples(readme.markdown);
  if (examples.length === 0) return [];
  const installed = installedPackages(readme.markdown).map((spec) =>
    spec.replace(/(?<=.)@[^/]*$/, ''),
  );
  const problems = [];
  if (installed.length === 0)
    problems.push(`${readme.path}: has examples but no install line (npm install …)`);
  for (const example of examples) {
    for (const specifier of importedSpecifiers(example.code)) {
      const name = packageOfSpecifier(specifier);
      if (name === undefined || BUILTINS.has(name)) continue;
      if (!installed.includes(name))
        problems.push(
          `${readme.path}:${example.line}: the example imports ${specifier}, which the README's install line (${installed.join(' ') || 'none'}) does not install`,
        );
    }
  }
  return problems;
}

const COMPILER_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2023'],
  types: ['node'],
  strict: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  moduleDetection: 'force',
  esModuleInterop: true,
  skipLibCheck: true,
};

/**
 * Writes each example of each README into `<app>/examples/<slug>/<n>/` as example.mts and
 * example.cts (node16), example.ts (bundler), example.mjs and example.cjs (to run).
 * @returns `{ readme, example, dir }` per example.
 */
export function writeExamples(app, readmes) {
  const root = join(app, 'examples');
  const written = [];
  for (const readme of readmes) {
    const slug = readme.path.replace(/\/README\.md$/, '').replace(/[^a-z0-9]+/gi, '-');
    for (const example of readmeExamples(readme.markdown)) {
      const dir = join(root, slug, String(example.index + 1));
      mkdirSync(dir, { recursive: true });
      const { esm, cjs } = moduleVariants(example.code);
      const where = `${readme.path}:${example.line}`;
      writeFileSync(
        join(dir, 'example.mjs'),
        transpileExample(esm, 'esnext', { fileName: `${where}.ts` }),
      );
      writeFileSync(
        join(dir, 'example.cjs'),
        transpileExample(cjs, 'commonjs', { fileName: `${where}.ts` }),
      );
      if (example.typescript) {
        writeFileSync(join(dir, 'example.mts'), esm);
        writeFileSync(join(dir, 'example.cts'), cjs);
        writeFileSync(join(dir, 'example.ts'), esm);
      }
      written.push({ readme, example, dir, where });
    }
  }
  writeFileSync(
    join(root, 'tsconfig.node16.json'),
    JSON.stringify({
      compilerOptions: { ...COMPILER_OPTIONS, module: 'node16', moduleResolution: 'node16' },
      include: ['**/example.mts', '**/example.cts'],
    }),
  );
  writeFileSync(
    join(root, 'tsconfig.bundler.json'),
    JSON.stringify({
      compilerOptions: { ...COMPILER_OPTIONS, module: 'esnext', moduleResolution: 'bundler' },
      include: ['**/example.ts'],
    }),
  );
  writeFileSync(
    join(root, 'tsconfig.libcheck.json'),
    JSON.stringify({
      // Every declaration file checked too (a lab's skipLibCheck: false). tfjs-core's own
      // declarations need the DOM lib and fail on their own (`Long` in hash_util.d.ts): those
      // errors are tfjs-core's (TFJS_OWN_LIB_ERRORS); ours must add nothing that fails (eval's
      // declarations once pulled in vega-lite's, which fail under exactOptionalPropertyTypes).
      compilerOptions: {
        ...COMPILER_OPTIONS,
        lib: ['ES2023', 'DOM'],
        module: 'node16',
        moduleResolution: 'node16',
        skipLibCheck: false,
      },
      include: ['**/example.mts'],
    }),
  );
  return written;
}

/** Declaration files whose own errors under skipLibCheck: false are not ours to fix. */
const TFJS_OWN_LIB_ERRORS =
  /^node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(?:@tensorflow\/tfjs-core|@webgpu\/types)\//;

/** tsc's error lines (with their continuation lines), less those in tfjs-core's own files. */
export function ownTypeErrors(output) {
  const errors = [];
  let keep = false;
  for (const line of output.trim().split('\n').filter(Boolean)) {
    const located = /^(\S[^(]*)\(\d+,\d+\): error TS/.exec(line);
    if (located) keep = !TFJS_OWN_LIB_ERRORS.test(located[1]);
    else if (!/^\s/.test(line)) keep = true;
    if (keep) errors.push(line);
  }
  return errors;
}

/**
 * Runs tsc over the written examples with each configuration; throws on any error. `libCheck`
 * adds the run with every declaration file checked (skipLibCheck: false): the declarations are
 * the same files whichever package manager installed them, so one app checks them.
 */
export async function typecheckExamples(app, env, { libCheck = true } = {}) {
  const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
  const configs = ['tsconfig.node16.json', 'tsconfig.bundler.json'];
  if (libCheck) configs.push('tsconfig.libcheck.json');
  for (const config of configs) {
    const result = await run(
      process.execPath,
      [tsc, '-p', join('examples', config), '--pretty', 'false'],
      {
        cwd: app,
        env,
        allowFailure: true,
      },
    );
    const errors = result.code === 0 ? [] : ownTypeErrors(result.output);
    if (errors.length > 0)
      throw new RehearsalError(
        `the README examples do not typecheck (${config}: strict, exactOptionalPropertyTypes):\n${errors.slice(0, 40).join('\n')}`,
      );
  }
}

/**
 * Runs each example as ESM and as CJS, each in a fresh folder holding a copy of `inputs` (the
 * demo dataset `data/demo`, the demo run `runs/demo`, a PyTorch state_dict).
 * @returns `{ where, format, seconds }` per run.
 */
export async function runExamples(inputs, written, env) {
  const results = [];
  for (const { dir, where } of written) {
    for (const format of ['esm', 'cjs']) {
      const cwd = join(dir, `run-${format}`);
      mkdirSync(cwd, { recursive: true });
      cpSync(inputs, cwd, { recursive: true });
      const started = Date.now();
      const script = join(dir, format === 'esm' ? 'example.mjs' : 'example.cjs');
      const result = await run(process.execPath, [script], { cwd, env, allowFailure: true });
      const seconds = (Date.now() - started) / 1000;
      if (result.code !== 0)
        throw new RehearsalError(
          `README example ${where} fails as ${format.toUpperCase()} (${script}):\n${result.output.trim().split('\n').slice(-30).join('\n')}`,
        );
      process.stderr.write(`[rehearsal]   ✓ ${where} (${format}, ${seconds.toFixed(1)} s)\n`);
      results.push({ where, format, seconds });
    }
  }
  return results;
}
