import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

export default defineConfig(
  packageBuild({
    entry: ['src/index.ts', 'src/node.ts'],
    // nifti-reader-js ships ESM only (no "require" export), so it is bundled into both builds
    // (its licence is in THIRD_PARTY_NOTICES.md).
    noExternal: ['nifti-reader-js'],
  }),
);
