import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from './workspace';

// DESIGN.md: every package with a browser use keeps its main entry free of `node:` imports (file
// access lives in a `/node` entry). Bundling the built main entry for the browser proves it:
// esbuild refuses a Node built-in on that platform.
const BROWSER_PACKAGES = ['core', 'nifti-io', 'densenet3d', 'dicom-io'].filter((folder) =>
  existsSync(join(ROOT, 'packages', folder, 'package.json')),
);

describe('main entries of the browser packages bundle for the browser', () => {
  it.each(BROWSER_PACKAGES)('@ct-fracture/%s', async (folder) => {
    const entry = join(ROOT, 'packages', folder, 'dist', 'index.js');
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      // The tfjs engine is the application's (a peer dependency), not part of this check.
      external: ['@tensorflow/*'],
    }).catch((error: { errors?: { text: string }[] }) => {
      throw new Error(
        `${folder}: ${(error.errors ?? []).map((problem) => problem.text).join('; ')}`,
      );
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/from\s*["']node:/);
  });
});
