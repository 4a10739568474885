import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from './workspace';

// DESIGN.md: every package with a browser use keeps its main entry free of `node:` imports (file
// access lives in a `/node` entry). Bundling the built main entry for the browser proves it:
// esbuild refuses a Node built-in on that platform.
// One exception: the Emscripten builds of the WASM codecs dicom-io loads for compressed DICOM
// (@cornerstonejs/codec-*) carry `require('fs')`/`require('path')` in a branch that runs only under
// Node; browser bundlers stub those (Vite does by default), so they are stubbed here too — for
// those files only: the same require anywhere else still fails the check.
const NODE_ONLY_BRANCHES = /[\\/]@cornerstonejs[\\/]codec-[a-z0-9-]+[\\/]/;
const stubCodecBuiltins: Plugin = {
  name: 'stub-codec-builtins',
  setup(builder) {
    builder.onResolve({ filter: /^(fs|path)$/ }, (args) =>
      NODE_ONLY_BRANCHES.test(args.importer)
        ? { path: args.path, namespace: 'stubbed-builtin' }
        : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'stubbed-builtin' }, () => ({
      contents: 'export default {};',
    }));
  },
};
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
      plugins: [stubCodecBuiltins],
    }).catch((error: { errors?: { text: string }[] }) => {
      throw new Error(
        `${folder}: ${(error.errors ?? []).map((problem) => problem.text).join('; ')}`,
      );
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/from\s*["']node:/);
  });
});
