// Peak RSS and time of one DenseNet121 inference (batch 1, 128³, 1 channel, the original
// five heads) on a tfjs backend. Run from packages/densenet3d after `pnpm build`:
//   flock /tmp/ctf-bench.lock node --expose-gc bench/inference-memory.mjs cpu|onednn [size]
// Prints one JSON line. RSS is per process: run one backend per invocation.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createDenseNet3d, densenetPreset } from '@ct-fracture/densenet3d';

const backend = process.argv[2] ?? 'cpu';
const size = Number(process.argv[3] ?? 128);
if (backend === 'onednn') {
  // Not a dependency of this package: resolve it where the CLI depends on it.
  const { createRequire } = await import('node:module');
  const { pathToFileURL } = await import('node:url');
  const cli = createRequire(new URL('../../../apps/cli/package.json', import.meta.url));
  const path = cli.resolve('@ct-fracture/tfjs-backend-onednn');
  const onednn = await import(pathToFileURL(path.replace(/\.cjs$/, '.js')).href);
  if (!onednn.oneDnnStatus().available) throw new Error('the oneDNN addon is not available');
}
tf.env().set('IS_TEST', true);
if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} unavailable`);
const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
const startRss = process.memoryUsage().rss;
const heads = [
  {
    task: 'fracture',
    kind: 'multiclass',
    classes: ['1-part', '2-part', 'dislocation', 'multipart'],
  },
  { task: 'gt_displacement', kind: 'binary', classes: ['no', 'yes'] },
  { task: 'shaft_translation', kind: 'multiclass', classes: ['complete', 'none', 'substantial'] },
  { task: 'varus', kind: 'binary', classes: ['no', 'yes'] },
  { task: 'articular', kind: 'multiclass', classes: ['headsplit', 'none-rim', 'subcritical'] },
];
const model = createDenseNet3d({ body: densenetPreset('densenet121'), heads }, { seed: 0 });
const x = tf.randomUniform([1, size, size, size, 1], 0, 1, 'float32', 1);
globalThis.gc?.();
const modelRss = process.memoryUsage().rss;
const modelMaxRss = process.resourceUsage().maxRSS * 1024;
const started = performance.now();
const { logits } = model.forward(x);
const values = logits.map((tensor) => Array.from(tensor.dataSync()));
const inferMs = performance.now() - started;
const peak = process.resourceUsage().maxRSS * 1024;
tf.dispose([x, ...logits]);
console.log(
  JSON.stringify({
    backend,
    size,
    inferMs: Math.round(inferMs),
    rssBeforeModelMb: mb(startRss),
    rssWithModelAndInputMb: mb(modelRss),
    maxRssBeforeInferenceMb: mb(modelMaxRss),
    peakRssMb: mb(peak),
    inferencePeakOverModelRatio: Math.round((peak / modelRss) * 100) / 100,
    tensorsAfter: tf.memory().numTensors,
    logits: values.map((row) => row.map((value) => Number(value.toFixed(4)))),
  }),
);
model.dispose();
