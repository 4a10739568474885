#!/usr/bin/env node
// Release rehearsal: a release exactly as another lab receives it.
//
//   node scripts/release-rehearsal.mjs [--keep] [--only npm|pnpm]
//
// In a temporary clean copy of the repository (tracked and untracked, non-ignored files; no
// build outputs): `changeset version` (plus a patch bump of every package, so a version change
// is always rehearsed), then `pnpm run release` — the build and `changeset publish` — into a
// verdaccio registry started on 127.0.0.1 with its own storage (third-party packages come
// through it from npm's configured registry). Each published tarball is checked (licence,
// notices, links, no source maps, one copy of each module, publint, attw). Then, in fresh apps
// outside the workspace, with npm and with pnpm, offline but for that registry (a proxy that
// goes nowhere, no user configuration, an empty node-gyp folder): the README install lines;
// the oneDNN addon built from the local Node.js headers and `available` (under pnpm after the
// documented onlyBuiltDependencies + `pnpm rebuild`, the hint checked before); the CLI's
// `--version`, `synth` and one `train` epoch of a tiny model; every README example typechecked
// (strict, exactOptionalPropertyTypes; node16 and bundler resolution) and run as ESM and as
// CJS. The registry is stopped by its PID and the temporary folder removed (unless --keep).
// Exit code 1 on any failure, naming the step and the command's output.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeInstallProblems, rehearseApp } from './rehearsal/app-rehearsal.mjs';
import { checkPublished } from './rehearsal/check-published.mjs';
import { publishRelease } from './rehearsal/publish-release.mjs';
import { startRegistry } from './rehearsal/registry.mjs';
import { RehearsalError, setLogFile, step, timings } from './rehearsal/run-step.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Checks that do not stop the rehearsal: all are listed at the end, and any fails it. */
const problems = [];

function parseArgs(argv) {
  const options = { keep: false, managers: ['npm', 'pnpm'] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--keep') options.keep = true;
    else if (arg === '--only') {
      const manager = argv[++i];
      if (manager !== 'npm' && manager !== 'pnpm')
        throw new RehearsalError(`--only must be npm or pnpm, got ${JSON.stringify(manager)}`);
      options.managers = [manager];
    } else if (arg === '-h' || arg === '--help') {
      const header = readFileSync(fileURLToPath(import.meta.url), 'utf8')
        .split('\n')
        .slice(1, 21);
      process.stdout.write(`${header.join('\n')}\n`);
      process.exit(0);
    } else throw new RehearsalError(`unknown option ${arg} (expected --keep, --only npm|pnpm)`);
  }
  return options;
}

function printSummary(sizes, totalSeconds, exampleRuns) {
  process.stderr.write('\n[rehearsal] tarballs (packed / unpacked kB):\n');
  for (const size of sizes)
    process.stderr.write(
      `  ${size.name.padEnd(36)} ${(size.packedBytes / 1000).toFixed(0).padStart(6)} / ${(size.unpackedBytes / 1000).toFixed(0).padStart(6)}\n`,
    );
  process.stderr.write('[rehearsal] steps:\n');
  for (const { name, seconds } of timings)
    process.stderr.write(`  ${seconds.toFixed(1).padStart(7)} s  ${name}\n`);
  process.stderr.write(
    `[rehearsal] ${(totalSeconds / 60).toFixed(1)} min in all, ${exampleRuns} README example runs\n`,
  );
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'ctf-rehearsal-'));
  const logPath = `${work}.log`;
  setLogFile(logPath);
  process.stderr.write(`[rehearsal] in ${work} (every command's output: ${logPath})\n`);
  let registry;
  let sizes = [];
  let exampleRuns = 0;
  const stop = () => registry?.stop();
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ])
    process.on(signal, () => {
      stop();
      process.exit(code);
    });
  try {
    registry = await step('start verdaccio on 127.0.0.1', () =>
      startRegistry(join(work, 'registry')),
    );
    process.stderr.write(
      `[rehearsal]   ${registry.url} (pid ${registry.pid}), upstream ${registry.upstream}\n`,
    );
    const { versions, readmes } = await publishRelease(ROOT, join(work, 'repo'), registry);
    await step('README install lines cover what the examples import', () => {
      problems.push(...readmeInstallProblems(readmes));
    });
    sizes = await checkPublished(join(work, 'tarballs'), registry, versions, problems);
    const typescript = JSON.parse(
      readFileSync(join(ROOT, 'node_modules/typescript/package.json'), 'utf8'),
    ).version;
    // What the README examples read besides the demo data and run: the original project's
    // checkpoint file, here a small state_dict of the same layout (five fc_* heads).
    const exampleFiles = {
      'final_multi_3d_clf4.pth': join(ROOT, 'packages/densenet3d/fixtures/multi-head.pth'),
    };
    for (const manager of options.managers) {
      const app = join(work, `app-${manager}`);
      const runs = await rehearseApp({
        manager,
        app,
        registry,
        versions,
        readmes,
        typescript,
        exampleFiles,
        // The declaration files are the same in both apps: checked once, in the first.
        libCheck: manager === options.managers[0],
      });
      exampleRuns += runs.length;
    }
  } finally {
    stop();
    if (!options.keep) rmSync(work, { recursive: true, force: true });
    printSummary(sizes, (Date.now() - started) / 1000, exampleRuns);
  }
  if (problems.length > 0)
    throw new RehearsalError(`${problems.length} problems:\n${problems.join('\n')}`);
  if (!options.keep) rmSync(logPath, { force: true });
  process.stdout.write(
    `release rehearsal passed: ${sizes.length} packages published and installed with ${options.managers.join(' and ')}, ${exampleRuns} README example runs\n`,
  );
}

main().catch((error) => {
  if (problems.length > 0 && !/ problems:\n/.test(error.message))
    process.stderr.write(
      `\n[rehearsal] problems found before the failure:\n${problems.join('\n')}\n`,
    );
  process.stderr.write(
    `\n[rehearsal] FAILED: ${error instanceof RehearsalError ? error.message : error.stack}\n`,
  );
  process.exitCode = 1;
});
