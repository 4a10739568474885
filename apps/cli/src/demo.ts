import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writePhantomDataset } from '@ct-fracture/phantom';
import type { ConfigOverride } from '@ct-fracture/trainer';
import type { Io } from './run-action';

/** Where the demo's phantom dataset lives (relative to the working directory). */
export const DEMO_DATA_DIR = join('data', 'demo');

/** The demo dataset: synthetic phantoms in the original layout (`ct-fracture synth`). */
export const DEMO_PHANTOMS = { train: 160, test: 48, size: 'small', seed: 1 } as const;

/**
 * The demo's training configuration, applied under a config file and flags (which win): a
 * small DenseNet (16 initial features, growth 12, blocks 3-6-4) at 48³, batch 8, 30 epochs of
 * Adam 1e-3 with 3 warm-up epochs, light augmentation, validation every 5 epochs keeping the
 * best mean balanced accuracy. A few minutes on two CPU cores with the onednn backend.
 */
export const DEMO_OVERRIDES: readonly ConfigOverride[] = [
  { path: 'data.dir', value: DEMO_DATA_DIR },
  { path: 'preprocessing.size', value: [48, 48, 48] },
  { path: 'model.architecture', value: 'custom' },
  { path: 'model.initFeatures', value: 16 },
  { path: 'model.growthRate', value: 12 },
  { path: 'model.blockConfig', value: [3, 6, 4] },
  { path: 'augmentation.preset', value: 'light' },
  { path: 'optimizer.lr', value: 1e-3 },
  { path: 'schedule.warmupEpochs', value: 3 },
  { path: 'training.epochs', value: 30 },
  { path: 'training.batchSize', value: 8 },
  { path: 'training.validateEvery', value: 5 },
  { path: 'training.bestMetric', value: 'mean_balanced_accuracy' },
];

/** Grad-CAM figures in the demo's report: one scan per task, on a finely localising stage. */
export const DEMO_EXPLAIN = { count: 1, layer: 'features.denseblock1' } as const;

/**
 * Writes the demo's phantom dataset into `dir` unless a complete one is there (its
 * `manifest.json` is written last); an incomplete folder is rewritten.
 */
export async function ensureDemoData(dir: string, io: Io): Promise<void> {
  const root = resolve(dir);
  if (existsSync(join(root, 'manifest.json'))) {
    io.err(`demo data: ${root} (already there)\n`);
    return;
  }
  const { train, test, size, seed } = DEMO_PHANTOMS;
  io.err(
    `demo data: writing ${train} training and ${test} test phantoms (${size}, seed ${seed}) to ${root}\n`,
  );
  const started = performance.now();
  let lastLog = 0;
  await writePhantomDataset({
    outDir: root,
    train,
    test,
    size,
    seed,
    force: existsSync(root),
    onProgress: ({ done, total }) => {
      const now = performance.now();
      if (now - lastLog > 2000 || done === total) {
        lastLog = now;
        io.err(`demo data: ${done}/${total} phantoms\n`);
      }
    },
  });
  io.err(`demo data: done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
