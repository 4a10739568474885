import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

export default defineConfig(
  packageBuild({
    entry: ['src/index.ts', 'src/node.ts', 'src/register-gradients.ts'],
    // tfjs-core ships its gradient registrations as ESM-only modules under dist/ (Node cannot
    // load them): bundle those into register-gradients — the one package that carries them
    // (its licence is in THIRD_PARTY_NOTICES.md); the core entry itself stays external.
    noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
  }),
);
