import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

export default defineConfig(
  packageBuild({
    entry: { index: 'src/index.ts', 'data-worker': 'src/pipeline/data-worker.ts' },
    // `import.meta.url` locates the worker script beside the bundle in the CJS build too.
    shims: true,
  }),
);
