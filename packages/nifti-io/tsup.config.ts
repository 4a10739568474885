import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // nifti-reader-js ships ESM only (no "require" export), so it is bundled into both builds.
  noExternal: ['nifti-reader-js'],
});
