#!/usr/bin/env node
// Builds the optional native addon (build/Release/ctf_onednn.node) with node-gyp.
//
//   node scripts/build-addon.mjs            # from `pnpm build`: build or update the addon
//   node scripts/build-addon.mjs --install  # from the package's install script: build only
//                                           # when installed as a dependency (no src/ folder)
//
// It never fails the build: when oneDNN, a compiler, node-gyp or the Node.js headers are
// missing it prints one warning line saying what to install and exits 0 (the backend then
// reports itself unavailable and `--backend auto` falls back). npm hides the output of a
// dependency's install script, so the outcome is also written to build/addon-status.json,
// which `oneDnnStatus()` reports (reason and what to run). The compiler output goes to
// build/addon-build.log. node-gyp only ever uses the Node.js headers already on the machine
// (scripts/node-headers.mjs): an install never reaches the network.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findNodeHeaders, nodeGypSteps } from './node-headers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const addon = join(root, 'build', 'Release', 'ctf_onednn.node');
const log = join(root, 'build', 'addon-build.log');
const statusFile = join(root, 'build', 'addon-status.json');
const installMode = process.argv.includes('--install');

/** Records the outcome for `oneDnnStatus()` (npm does not show this script's output). */
function writeStatus(status) {
  mkdirSync(join(root, 'build'), { recursive: true });
  writeFileSync(
    statusFile,
    `${JSON.stringify({ ...status, node: process.versions.node, at: new Date().toISOString() }, null, 2)}\n`,
  );
}

function hint() {
  if (process.platform === 'darwin')
    return 'brew install onednn (and the Xcode command line tools)';
  if (process.platform === 'linux')
    return 'sudo apt-get install -y libdnnl-dev g++ make python3 (Debian/Ubuntu)';
  return `the oneDNN backend is not supported on ${process.platform}`;
}

/** The command that runs this script again where the package is installed. */
function rebuildCommand() {
  const agent = process.env.npm_config_user_agent ?? '';
  if (agent.startsWith('pnpm/')) return 'pnpm rebuild @ct-fracture/tfjs-backend-onednn';
  if (agent.startsWith('yarn/')) return 'yarn rebuild @ct-fracture/tfjs-backend-onednn';
  return 'npm rebuild @ct-fracture/tfjs-backend-onednn';
}

function warn(what) {
  const fix = `${hint()}, then \`${rebuildCommand()}\``;
  writeStatus({ built: false, reason: what, hint: fix });
  process.stderr.write(
    `@ct-fracture/tfjs-backend-onednn: native addon not built (${what}); the onednn backend will be unavailable — to enable it: ${fix}\n`,
  );
  process.exit(0);
}

if (installMode && existsSync(join(root, 'src', 'index.ts'))) {
  // A workspace checkout: `pnpm build` builds the addon (and turbo caches it).
  process.exit(0);
}
if (process.env.CTF_ONEDNN_SKIP_BUILD === '1') warn('CTF_ONEDNN_SKIP_BUILD=1');
if (process.platform === 'win32') warn('Windows is not supported');

function brewPrefix() {
  const r = spawnSync('brew', ['--prefix', 'onednn'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const headerRoots = [
  process.env.ONEDNN_ROOT,
  '/usr',
  '/usr/local',
  '/opt/homebrew',
  process.platform === 'darwin' ? brewPrefix() : undefined,
].filter(Boolean);
if (
  !headerRoots.some(
    (r) =>
      existsSync(join(r, 'include', 'dnnl.hpp')) ||
      existsSync(join(r, 'include', 'oneapi', 'dnnl', 'dnnl.hpp')),
  )
) {
  warn('oneDNN headers (dnnl.hpp) not found; set ONEDNN_ROOT if oneDNN is installed elsewhere');
}

function newestSource() {
  let newest = statSync(join(root, 'binding.gyp')).mtimeMs;
  for (const f of readdirSync(join(root, 'native')))
    newest = Math.max(newest, statSync(join(root, 'native', f)).mtimeMs);
  return newest;
}
if (existsSync(addon) && statSync(addon).mtimeMs >= newestSource()) {
  writeStatus({ built: true, addon });
  process.exit(0);
}

function nodeGyp() {
  const fromEnv = process.env.npm_config_node_gyp;
  if (fromEnv && existsSync(fromEnv)) return [process.execPath, fromEnv];
  try {
    return [process.execPath, createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js')];
  } catch {}
  const bundled = join(
    dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  );
  if (existsSync(bundled)) return [process.execPath, bundled];
  const onPath = spawnSync('node-gyp', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0) return ['node-gyp'];
  return undefined;
}

const gyp = nodeGyp();
if (gyp === undefined) warn('node-gyp not found');

const headers = findNodeHeaders();
if (headers.nodedir === undefined) warn(headers.problem);

const jobs = Math.max(1, Math.min(cpus().length, 4));
const configured =
  existsSync(join(root, 'build', 'Makefile')) || existsSync(join(root, 'build', 'binding.sln'));

mkdirSync(join(root, 'build'), { recursive: true });
let output = '';
for (const args of nodeGypSteps({ nodedir: headers.nodedir, configured, jobs })) {
  const [command, ...rest] = gyp;
  const r = spawnSync(command, [...rest, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, npm_config_nodedir: headers.nodedir },
  });
  output += `$ node-gyp ${args.join(' ')}\n${r.stdout ?? ''}${r.stderr ?? ''}\n`;
  if (r.status !== 0) {
    writeFileSync(log, output);
    const firstError =
      `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').find((l) => /error/i.test(l)) ??
      `node-gyp ${args[0]} failed`;
    warn(`${firstError.trim().slice(0, 200)} — full log: ${log}`);
  }
}
writeFileSync(log, output);
if (!existsSync(addon)) warn(`node-gyp produced no ${addon}`);
writeStatus({ built: true, addon });
process.stderr.write(`@ct-fracture/tfjs-backend-onednn: built ${addon}\n`);
