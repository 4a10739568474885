import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDenseNet3d, headsFromTasks, ORIGINAL_PREPROCESSING } from '@ct-fracture/densenet3d';
import { saveCheckpoint } from '@ct-fracture/densenet3d/node';
import { DEFAULT_LABEL_SPEC } from '@ct-fracture/labels';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { runCli } from '../workspace';

/**
 * A demo-size checkpoint (the demo's DenseNet: 16 initial features, growth 12, blocks 3-6-4, at
 * 48³), seeded, with a temperature on two tasks and an operating point on one — what the page
 * must apply as `predict` does.
 */
export async function writeDemoSizeCheckpoint(dir: string): Promise<void> {
  await tf.setBackend('cpu');
  const model = createDenseNet3d(
    {
      body: {
        inChannels: 1,
        initFeatures: 16,
        growthRate: 12,
        blockConfig: [3, 6, 4],
        bnSize: 4,
        dropoutProb: 0,
      },
      heads: headsFromTasks(DEFAULT_LABEL_SPEC.tasks),
    },
    { seed: 11 },
  );
  const validation = { n: 30, nllBefore: 0.7, nllAfter: 0.6, eceBefore: 0.2, eceAfter: 0.1 };
  await saveCheckpoint(dir, model, {
    labelSpec: DEFAULT_LABEL_SPEC,
    preprocessing: { ...ORIGINAL_PREPROCESSING, size: [48, 48, 48] },
    provenance: { source: 'viewer end-to-end test', seed: 11 },
    calibration: {
      gt_displacement: { temperature: 0.8, validation },
      articular: { temperature: 1.5, validation },
    },
    operatingPoints: {
      gt_displacement: {
        threshold: 0.35,
        rule: 'sensitivity:0.9',
        validation: { n: 30, sensitivity: 0.9, specificity: 0.6 },
      },
    },
  });
  model.dispose();
}

/** One small phantom scan (`ct-fracture synth`), gzipped: its path. */
export function writePhantomScan(dir: string): string {
  const result = runCli([
    'synth',
    '--out',
    dir,
    '--train',
    '1',
    '--test',
    '1',
    '--size',
    'small',
    '--gz',
  ]);
  if (result.code !== 0) throw new Error(`synth failed: ${result.stderr}`);
  const folder = join(dir, 'new_datasets', 'one_side_test');
  const scan = readdirSync(folder).find((name) => name.endsWith('.nii.gz'));
  if (scan === undefined) throw new Error(`synth wrote no scan in ${folder}`);
  return join(folder, scan);
}
