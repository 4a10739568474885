import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'data-worker': 'src/pipeline/data-worker.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  shims: true,
});
