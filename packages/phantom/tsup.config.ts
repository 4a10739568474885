import { defineConfig } from 'tsup';

export default defineConfig({
  // `generate-worker` is the worker-thread entry: loaded by path beside the bundle, never imported.
  entry: { index: 'src/index.ts', 'generate-worker': 'src/dataset/generate-worker.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  // `import.meta.url` locates the worker script beside the bundle in the CJS build too.
  shims: true,
});
