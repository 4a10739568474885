import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

export default defineConfig(
  packageBuild({
    entry: ['src/index.ts'],
    // __dirname in the ESM build too: the view command finds the viewer shipped in dist/viewer.
    shims: true,
  }),
);
