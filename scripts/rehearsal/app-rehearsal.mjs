// The install half of the rehearsal: a fresh app with npm or pnpm, offline but for the
// registry; the oneDNN addon built and available; the CLI's --version, synth and one train
// epoch; every README example typechecked and run as ESM and CJS.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, install, offlineEnvironment, updateManifest } from './consumer-app.mjs';
import { installLineProblems, runExamples, typecheckExamples, writeExamples } from './examples.mjs';
import { installedPackages } from './readme-examples.mjs';
import { check, run, step } from './run-step.mjs';

const ONEDNN = '@ct-fracture/tfjs-backend-onednn';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The pnpm this repository uses (its `packageManager`): pnpm 10, which ignores build scripts. */
function pnpmVersion() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager;
}
const CLI = '@ct-fracture/cli';

/**
 * What the app installs: every package the READMEs' install lines name (ours pinned to the
 * release), and every published package, so the CLI and each example can run even where a
 * README's line falls short (reported README by README).
 */
export function installSpecs(readmes, versions) {
  const specs = new Map();
  for (const readme of readmes)
    for (const spec of installedPackages(readme.markdown)) {
      const name = spec.replace(/(?<=.)@[^/]*$/, '');
      specs.set(name, versions.has(name) ? `${name}@${versions.get(name)}` : spec);
    }
  for (const [name, version] of versions) specs.set(name, `${name}@${version}`);
  return [...specs.values()];
}

/** Problems of the READMEs' install lines (what each README's examples import). */
export function readmeInstallProblems(readmes) {
  return readmes.flatMap(installLineProblems);
}

async function oneDnnStatusIn(app, env) {
  const script = `process.stdout.write(JSON.stringify(require('${ONEDNN}').oneDnnStatus()))`;
  const { stdout } = await run(process.execPath, ['-e', script], { cwd: app, env });
  return JSON.parse(stdout);
}

/**
 * The demo as a lab runs it first — version, phantoms, one epoch of a tiny model, Grad-CAM — in
 * `inputs`, which then holds what the README examples read: `data/demo` and `runs/demo`.
 */
async function cliRehearsal(app, inputs, env, versions) {
  const cli = join(app, 'node_modules', '.bin', 'ct-fracture');
  const { stdout } = await run(cli, ['--version'], { cwd: inputs, env });
  check(
    stdout.trim() === versions.get(CLI),
    `ct-fracture --version printed ${JSON.stringify(stdout.trim())}, the release is ${versions.get(CLI)}`,
  );
  const synth = ['synth', '--out', 'data/demo', '--train', '24', '--test', '6', '--size', 'small'];
  await run(cli, [...synth, '--seed', '1'], { cwd: inputs, env });
  const tiny = [
    '--model',
    'custom',
    '--set',
    'model.initFeatures=8',
    '--set',
    'model.growthRate=4',
  ];
  await run(
    cli,
    [
      'train',
      '--data',
      'data/demo',
      '--run-dir',
      'runs/demo',
      '--epochs',
      '1',
      '--size',
      '24',
      ...tiny,
      '--set',
      'model.blockConfig=[2,2]',
      '--set',
      'schedule.type=constant',
      '--batch-size',
      '4',
      '--json',
    ],
    { cwd: inputs, env },
  );
  // The README's explain example on this demo (test scans are phantom0025…0030 here).
  const explained = await run(
    cli,
    [
      'explain',
      '--checkpoint',
      'runs/demo/checkpoints/best',
      'data/demo/new_datasets/one_side_test/phantom0025.nii',
      '--task',
      'gt_displacement',
      '--class',
      'yes',
      '--out',
      'runs/demo/explain',
      '--json',
    ],
    { cwd: inputs, env },
  );
  const files = Object.values(JSON.parse(explained.stdout).files ?? {});
  check(
    ['.nii.gz', '.png', '.json'].every((ending) =>
      files.some((file) => String(file).endsWith(ending)),
    ),
    `ct-fracture explain --json listed ${JSON.stringify(files)}, expected a .nii.gz, a .png and a .json`,
  );
  const metadataPath = join(inputs, 'runs/demo/checkpoints/last/ct-fracture.json');
  check(existsSync(metadataPath), `train wrote no ${metadataPath}`);
  const { packageVersions } = JSON.parse(readFileSync(metadataPath, 'utf8'));
  for (const name of ['@ct-fracture/densenet3d', '@ct-fracture/trainer'])
    check(
      packageVersions[name] === versions.get(name),
      `the checkpoint records ${name} ${packageVersions[name]}, the release is ${versions.get(name)}`,
    );
}

/**
 * The whole install rehearsal for one package manager in `app`. `libCheck`: also typecheck
 * every installed declaration file (skipLibCheck: false), which one app is enough for.
 * @returns `{ where, format, seconds }` per README example run.
 */
export async function rehearseApp({
  manager,
  app,
  registry,
  versions,
  readmes,
  typescript,
  exampleFiles,
  libCheck = true,
}) {
  // A pnpm app pins its pnpm (corepack would otherwise ask the network which is the latest).
  createApp(app, registry, manager === 'pnpm' ? { packageManager: pnpmVersion() } : {});
  const inputs = join(app, 'example-inputs');
  mkdirSync(inputs, { recursive: true });
  for (const [name, source] of Object.entries(exampleFiles))
    copyFileSync(source, join(inputs, name));
  const env = offlineEnvironment(app);
  const specs = [...installSpecs(readmes, versions), `typescript@${typescript}`, '@types/node@^20'];
  if (manager === 'npm') {
    await step(`npm: install ${specs.length} packages (offline but for the registry)`, () =>
      install('npm', app, specs, env),
    );
  } else {
    await step('pnpm: install (pnpm 10 runs no dependency build script by default)', () =>
      install('pnpm', app, specs, env),
    );
    await step('pnpm: oneDnnStatus() says how to allow the build', async () => {
      const status = await oneDnnStatusIn(app, env);
      check(!status.available, 'the addon is available although pnpm ran no build script');
      check(
        /onlyBuiltDependencies/.test(status.hint) && /approve-builds/.test(status.hint),
        `oneDnnStatus().hint names neither onlyBuiltDependencies nor pnpm approve-builds: ${JSON.stringify(status)}`,
      );
    });
    await step('pnpm: onlyBuiltDependencies, then pnpm rebuild (offline)', async () => {
      updateManifest(app, (manifest) => {
        manifest.pnpm = { onlyBuiltDependencies: [ONEDNN] };
      });
      await run('pnpm', ['rebuild', ONEDNN], { cwd: app, env });
    });
  }
  await step(
    `${manager}: the oneDNN backend is built (from local headers) and available`,
    async () => {
      const status = await oneDnnStatusIn(app, env);
      check(status.available, `oneDnnStatus() in the ${manager} app: ${JSON.stringify(status)}`);
    },
  );
  await step(`${manager}: ct-fracture --version, synth, one train epoch, explain`, () =>
    cliRehearsal(app, inputs, env, versions),
  );
  const written = writeExamples(app, readmes);
  await step(
    `${manager}: tsc --strict of the README examples (node16, bundler${libCheck ? '; every declaration file' : ''})`,
    () => typecheckExamples(app, env, { libCheck }),
  );
  return step(`${manager}: run ${written.length} README examples as ESM and CJS`, () =>
    runExamples(inputs, written, env),
  );
}
