import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

const PACKAGE_NAME = '@ct-fracture/tfjs-backend-onednn';

/** How the package got where it is: installed by pnpm or npm, or a workspace checkout. */
export type InstallContext = 'pnpm' | 'npm' | 'workspace';

/** The install context of the package folder `root` (its real path). */
export function installContext(root: string): InstallContext {
  if (root.includes(`${sep}node_modules${sep}.pnpm${sep}`)) return 'pnpm';
  if (root.includes(`${sep}node_modules${sep}`)) return 'npm';
  return 'workspace';
}

/** What the install-time build recorded (scripts/build-addon.mjs), when it ran. */
export interface AddonBuildRecord {
  built: boolean;
  reason?: string;
  hint?: string;
}

/** Reads `build/addon-status.json`; undefined when the build script never ran here. */
export function readAddonBuildRecord(root: string): AddonBuildRecord | undefined {
  const path = join(root, 'build', 'addon-status.json');
  if (!existsSync(path)) return undefined;
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as Partial<AddonBuildRecord>;
    if (typeof record.built !== 'boolean') return undefined;
    return {
      built: record.built,
      ...(typeof record.reason === 'string' ? { reason: record.reason } : {}),
      ...(typeof record.hint === 'string' ? { hint: record.hint } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The command that builds the addon again in this context. */
export function rebuildCommand(context: InstallContext): string {
  switch (context) {
    case 'pnpm':
      return `pnpm rebuild ${PACKAGE_NAME}`;
    case 'npm':
      return `npm rebuild ${PACKAGE_NAME}`;
    case 'workspace':
      return `pnpm --filter ${PACKAGE_NAME} build`;
  }
}

/**
 * Why the addon is missing and what to run, when the package's install script never ran:
 * pnpm 10 runs a dependency's build script only when the app allows it; npm skips it under
 * `--ignore-scripts`.
 * @returns `{ reason, hint }`.
 */
export function neverBuiltExplanation(context: InstallContext): { reason: string; hint: string } {
  switch (context) {
    case 'pnpm':
      return {
        reason:
          'the native addon was never built: pnpm ran no install script for this package (pnpm 10 runs a dependency’s build script only when the app allows it; it listed it under "Ignored build scripts")',
        hint: `allow it — add "pnpm": { "onlyBuiltDependencies": ["${PACKAGE_NAME}"] } to your package.json, or run \`pnpm approve-builds\` and select it — then run \`${rebuildCommand('pnpm')}\``,
      };
    case 'npm':
      return {
        reason:
          'the native addon was never built: the install script of this package did not run (installed with --ignore-scripts?)',
        hint: `run \`${rebuildCommand('npm')}\``,
      };
    case 'workspace':
      return {
        reason: 'the native addon is not built in this checkout',
        hint: `run \`${rebuildCommand('workspace')}\``,
      };
  }
}
