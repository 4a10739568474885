import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'data-worker': 'src/pipeline/data-worker.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  shims: true,
  // tfjs-core's gradient registrations exist only as ES modules inside a CommonJS package, which
  // Node cannot load directly: bundle them (they register into tfjs-core's global registry).
  noExternal: [/^@tensorflow\/tfjs-core\/dist\/register_all_gradients/],
});
