// Training throughput of DenseNet121 through the real pipeline (`train`): samples/s and the share
// of each step spent waiting for data, first with a cold preprocessing cache (every scan decoded
// and resized by the data workers), then warm. Not a test: numbers depend on the machine.
//
//   pnpm --filter @ct-fracture/trainer build
//   node packages/trainer/scripts/bench-densenet121.mjs --data DIR [--backend onednn|cpu]
//        [--size 128] [--batch 2] [--steps 6] [--workers N] [--model densenet121]
//
// DIR is a dataset in the original layout (e.g. from `ct-fracture synth`). Prints one JSON line.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { parseTrainConfig, train } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    backend: { type: 'string', default: 'onednn' },
    size: { type: 'string', default: '128' },
    batch: { type: 'string', default: '2' },
    steps: { type: 'string', default: '6' },
    workers: { type: 'string' },
    model: { type: 'string', default: 'densenet121' },
  },
});
if (!values.data) throw new Error('--data DIR (original layout) is required');
if (values.backend === 'onednn') {
  const onednn = await import('@ct-fracture/tfjs-backend-onednn');
  if (!onednn.oneDnnStatus().available) throw new Error('the oneDNN addon is not available');
}
if (!(await tf.setBackend(values.backend))) throw new Error(`backend ${values.backend} failed`);

const size = Number(values.size);
const steps = Number(values.steps);
const scratch = await mkdtemp(join(tmpdir(), 'ctf-bench-'));
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor(sorted.length / 2)];
};

async function pass(name) {
  const config = parseTrainConfig({
    data: { dir: values.data, cacheDir: join(scratch, 'cache'), validationFraction: 0.25 },
    preprocessing: { size: [size, size, size] },
    model: { architecture: values.model },
    training: {
      epochs: 1,
      batchSize: Number(values.batch),
      workers: values.workers === undefined ? null : Number(values.workers),
      runDir: join(scratch, name),
    },
    schedule: { type: 'constant' },
  });
  const controller = new AbortController();
  const events = [];
  let last = performance.now();
  await train(config, {
    signal: controller.signal,
    onProgress: (event) => {
      if (event.type !== 'step') return;
      const now = performance.now();
      events.push({ ...event, wallMs: now - last });
      last = now;
      if (events.length >= steps) controller.abort();
    },
  });
  // Cumulative figures from the last step event; per-step times excluding the first (warm-up).
  const final = events[events.length - 1];
  return {
    steps: events.length,
    samplesPerSecond: final.samplesPerSecond,
    dataWaitShare: final.dataWaitShare,
    medianStepMsAfterFirst: median(events.slice(1).map((event) => event.wallMs)),
  };
}

const cold = await pass('cold');
const warm = await pass('warm');
await rm(scratch, { recursive: true, force: true });
console.log(
  JSON.stringify({
    model: values.model,
    backend: tf.getBackend(),
    size,
    batch: Number(values.batch),
    cold,
    warm,
  }),
);
