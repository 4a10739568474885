import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

export default defineConfig(
  packageBuild({
    // `generate-worker` is the worker-thread entry: loaded by path beside the bundle, never imported.
    entry: { index: 'src/index.ts', 'generate-worker': 'src/dataset/generate-worker.ts' },
    dts: { entry: 'src/index.ts' },
    // `import.meta.url` locates the worker script beside the bundle in the CJS build too.
    shims: true,
  }),
);
