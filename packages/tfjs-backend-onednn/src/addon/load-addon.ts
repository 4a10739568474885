import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { oneDnnInstallHint } from '../install-hint';
import type { NativeInfo, OneDnnAddon } from './addon-types';
import { installContext, neverBuiltExplanation, readAddonBuildRecord } from './install-context';

/** Whether the native addon loaded, and if not, why and what to install. */
export type OneDnnStatus =
  | { available: true; addonPath: string; info: NativeInfo }
  | { available: false; reason: string; hint: string };

const ADDON_FILE = 'ctf_onednn.node';

let loaded:
  | { addon: OneDnnAddon; status: OneDnnStatus }
  | { addon: undefined; status: OneDnnStatus }
  | undefined;

const PACKAGE_NAME = '@ct-fracture/tfjs-backend-onednn';

/** The package root: the nearest folder above this module whose package.json is ours. */
function packageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  let dir = start;
  for (let depth = 0; depth < 6; depth++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME)
          return dir;
      } catch {
        // not a readable manifest: keep looking
      }
    }
    dir = dirname(dir);
  }
  return join(start, '..');
}

/** Where the addon is looked for: `CTF_ONEDNN_ADDON`, then the node-gyp build folders. */
export function addonCandidates(root = packageRoot()): string[] {
  const fromEnv = process.env.CTF_ONEDNN_ADDON;
  return [
    ...(fromEnv ? [fromEnv] : []),
    join(root, 'build', 'Release', ADDON_FILE),
    join(root, 'build', 'Debug', ADDON_FILE),
  ];
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/**
 * Why the addon is missing, from what the install-time build recorded (npm hides that script's
 * output) or, when it never ran, from how the package was installed.
 */
function missingAddonStatus(
  root: string,
  candidates: string[],
  platformHint: string,
): OneDnnStatus {
  const looked = `looked for ${candidates.join(', ')}`;
  const record = readAddonBuildRecord(root);
  if (record !== undefined && !record.built)
    return {
      available: false,
      reason: `the native addon was not built when the package was installed: ${record.reason ?? 'no reason recorded'} (${looked})`,
      hint: record.hint ?? platformHint,
    };
  const context = installContext(realRoot(root));
  if (record === undefined && context !== 'workspace') {
    const { reason, hint } = neverBuiltExplanation(context);
    return { available: false, reason: `${reason} (${looked})`, hint };
  }
  return {
    available: false,
    reason: `the native addon is not built (${looked})`,
    hint: platformHint,
  };
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}

/**
 * Loads the native addon once; never throws. Later calls return the same result.
 * @returns the addon (undefined when unavailable) and a status saying why.
 */
export function loadOneDnnAddon(): { addon: OneDnnAddon | undefined; status: OneDnnStatus } {
  if (loaded) return loaded;
  const hint = oneDnnInstallHint(process.platform);
  if (process.env.CTF_ONEDNN_DISABLE === '1') {
    loaded = {
      addon: undefined,
      status: { available: false, reason: 'disabled by CTF_ONEDNN_DISABLE=1', hint },
    };
    return loaded;
  }
  const require = createRequire(import.meta.url);
  const root = packageRoot();
  const candidates = addonCandidates(root);
  const path = candidates.find((candidate) => existsSync(candidate));
  if (path === undefined) {
    loaded = { addon: undefined, status: missingAddonStatus(root, candidates, hint) };
    return loaded;
  }
  try {
    const addon = require(path) as OneDnnAddon;
    loaded = { addon, status: { available: true, addonPath: path, info: addon.info() } };
  } catch (error) {
    loaded = {
      addon: undefined,
      status: {
        available: false,
        reason: `the native addon at ${path} failed to load: ${firstLine(error)}`,
        hint,
      },
    };
  }
  return loaded;
}
