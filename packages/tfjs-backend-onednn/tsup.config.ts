import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/base.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  shims: true,
  splitting: true,
  target: 'node20',
});
