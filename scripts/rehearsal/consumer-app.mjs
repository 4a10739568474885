// A fresh application outside the workspace, as another lab starts one: an empty folder with a
// package.json and an .npmrc naming the rehearsal registry, then the README's install line with
// npm or pnpm. Nothing of the machine's own npm configuration (~/.npmrc) applies, and node-gyp
// gets an empty cache: the oneDNN addon must build from the Node.js install's own headers.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { npmrcFor } from './registry.mjs';
import { run } from './run-step.mjs';

/** A proxy that does not exist: any request that leaves the machine fails. */
export const DEAD_PROXY = 'http://127.0.0.1:9';

/**
 * The environment of the app's installs: the rehearsal registry (on 127.0.0.1, reachable),
 * everything else through a proxy that does not exist — so the addon build cannot download
 * Node.js headers — with no user configuration and an empty node-gyp folder.
 */
export function offlineEnvironment(app) {
  const userConfig = join(app, '.rehearsal-userconfig');
  writeFileSync(userConfig, '');
  // node-gyp keeps downloaded headers in $XDG_CACHE_HOME/node-gyp: start from an empty one.
  // Corepack (the pnpm shim) keeps its pnpm there too: point it at the one already installed.
  const cache = join(app, '.rehearsal-cache');
  mkdirSync(cache, { recursive: true });
  const corepackHome =
    process.env.COREPACK_HOME ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'node', 'corepack');
  return {
    npm_config_userconfig: userConfig,
    XDG_CACHE_HOME: cache,
    COREPACK_HOME: corepackHome,
    npm_config_nodedir: '',
    HTTP_PROXY: DEAD_PROXY,
    HTTPS_PROXY: DEAD_PROXY,
    http_proxy: DEAD_PROXY,
    https_proxy: DEAD_PROXY,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    npm_config_proxy: DEAD_PROXY,
    npm_config_https_proxy: DEAD_PROXY,
    npm_config_noproxy: '127.0.0.1,localhost',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    // The rehearsal itself may run inside a pnpm script: do not let that leak into the app.
    npm_config_user_agent: '',
    npm_execpath: '',
    npm_config_node_gyp: '',
    CI: 'true',
  };
}

/** Creates the app folder with its package.json and .npmrc. */
export function createApp(dir, registry, manifestExtras = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'rehearsal-app', version: '1.0.0', private: true, ...manifestExtras }, null, 2)}\n`,
  );
  writeFileSync(join(dir, '.npmrc'), npmrcFor(registry));
  return dir;
}

/** Adds fields to the app's package.json (e.g. pnpm's onlyBuiltDependencies). */
export function updateManifest(dir, change) {
  const path = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  change(manifest);
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** `npm install SPECS` or `pnpm add SPECS` in the app, offline but for the registry. */
export async function install(manager, dir, specs, env) {
  const args =
    manager === 'npm'
      ? ['install', '--no-audit', '--no-fund', '--loglevel=warn', ...specs]
      : ['add', '--reporter=append-only', ...specs];
  return run(manager, args, { cwd: dir, env });
}
