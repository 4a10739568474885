// DenseNet121 (six heads, 128³ input) in the viewer, in Debian's headless Chromium, on each
// TensorFlow.js backend: the page's own step timings (predict = preprocessing excluded, one
// forward pass; with --explain also Grad-CAM = preprocessing + forward + backward + mapping
// onto the scan).
//
//   pnpm turbo run build --filter @ct-fracture/cli
//   flock /tmp/ctf-bench.lock node apps/viewer/bench/time-densenet121.mjs [--explain] [cpu webgl …]
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDenseNet3d,
  densenetPreset,
  headsFromTasks,
  ORIGINAL_PREPROCESSING,
} from '@ct-fracture/densenet3d';
import { saveCheckpoint } from '@ct-fracture/densenet3d/node';
import { DEFAULT_LABEL_SPEC } from '@ct-fracture/labels';
import { writeNifti } from '@ct-fracture/nifti-io/node';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { launch, runPage, startView } from '../scripts/page-driver.mjs';

const args = process.argv.slice(2);
const explain = args.includes('--explain');
const named = args.filter((arg) => arg !== '--explain');
const backends = named.length > 0 ? named : ['cpu', 'webgl'];
const dir = await mkdtemp(join(tmpdir(), 'ctf-viewer-bench-'));
await tf.setBackend('cpu');
const model = createDenseNet3d(
  { body: densenetPreset('densenet121'), heads: headsFromTasks(DEFAULT_LABEL_SPEC.tasks) },
  { seed: 1 },
);
await saveCheckpoint(join(dir, 'ckpt'), model, {
  labelSpec: DEFAULT_LABEL_SPEC,
  preprocessing: ORIGINAL_PREPROCESSING,
  provenance: { source: 'viewer benchmark' },
});
model.dispose();
// A 256 × 256 × 160 CT-like volume (HU), resized to 128³ by the checkpoint's preprocessing.
const shape = [256, 256, 160];
const data = new Float32Array(shape[0] * shape[1] * shape[2]);
for (let index = 0; index < data.length; index++) data[index] = ((index * 7919) % 2400) - 1000;
const scan = join(dir, 'scan.nii.gz');
await writeNifti(scan, {
  data,
  shape,
  spacingMm: [0.8, 0.8, 1.25],
  affine: [
    [0.8, 0, 0, 0],
    [0, 0.8, 0, 0],
    [0, 0, 1.25, 0],
    [0, 0, 0, 1],
  ],
});
const { url, stop } = await startView(join(dir, 'ckpt'));
const browser = await launch();
const results = [];
let version = '';
try {
  for (const backend of backends) {
    const started = Date.now();
    const { page, timings } = await runPage(browser, url, {
      backend,
      scan,
      task: explain ? 'gt_displacement' : undefined,
    });
    results.push({ backend, ...timings, totalS: (Date.now() - started) / 1000 });
    console.error(JSON.stringify(results.at(-1)));
    await page.close();
  }
} finally {
  version = browser.version();
  await browser.close();
  stop();
  await rm(dir, { recursive: true, force: true });
}
console.log(
  JSON.stringify(
    {
      cpu: cpus()[0]?.model,
      cores: cpus().length,
      loadAverage: loadavg().map((value) => Number(value.toFixed(1))),
      chromium: version,
      results,
    },
    null,
    2,
  ),
);
