import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // __dirname in the ESM build too: the view command finds the viewer shipped in dist/viewer.
  shims: true,
});
