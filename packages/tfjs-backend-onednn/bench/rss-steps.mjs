#!/usr/bin/env node
// Memory stability of DenseNet training on a backend: RSS and the tensor count after
// step 10 and after step 100 (acceptance: RSS within 10 %, tensor count equal).
//   flock /tmp/ctf-bench.lock node bench/rss-steps.mjs [--steps 100] [--size 64] [--batch 2] [--backend onednn] [--fused-adam]
// Exit code 1 when RSS grew by more than 10 % or tensors leaked.
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../dist/index.js';
import { makeDenseNetBench } from './densenet-step.mjs';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '100' },
    size: { type: 'string', default: '64' },
    batch: { type: 'string', default: '2' },
    backend: { type: 'string', default: 'onednn' },
    'fused-adam': { type: 'boolean', default: false },
  },
});
if (!(await tf.setBackend(values.backend))) process.exit(1);
const steps = Number(values.steps);
const bench = makeDenseNetBench({
  size: Number(values.size),
  batch: Number(values.batch),
  fusedAdam: values['fused-adam'],
});
const mb = () => process.memoryUsage().rss / 2 ** 20;
let at10;
const start = performance.now();
for (let step = 1; step <= steps; step++) {
  bench.trainStep();
  if (step === 10) at10 = { rss: mb(), tensors: tf.memory().numTensors };
  if (step % 10 === 0)
    console.error(
      `step ${step}: RSS ${mb().toFixed(0)} MB, ${tf.memory().numTensors} tensors, ${((performance.now() - start) / step).toFixed(0)} ms/step`,
    );
}
const end = { rss: mb(), tensors: tf.memory().numTensors };
const growth = end.rss / at10.rss - 1;
console.log(
  JSON.stringify({
    backend: values.backend,
    size: Number(values.size),
    batch: Number(values.batch),
    steps,
    rssAt10Mb: Math.round(at10.rss),
    rssAtEndMb: Math.round(end.rss),
    growth,
    tensorsAt10: at10.tensors,
    tensorsAtEnd: end.tensors,
  }),
);
bench.dispose();
process.exit(growth > 0.1 || end.tensors !== at10.tensors ? 1 : 0);
