import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts', 'src/register-gradients.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // tfjs-core ships its gradient registrations as ESM-only modules under dist/ (Node cannot
  // load them): bundle those into register-gradients; the core entry itself stays external.
  noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
});
