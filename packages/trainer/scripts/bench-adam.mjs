// One AdamOptimizer.apply over every trainable parameter of DenseNet121 (six heads) on the onednn
// backend: the fused CtfAdamUpdate path against the composite (element-wise tfjs ops) path, which
// the script gets by unregistering the kernel for those rounds. Rounds alternate between the two;
// prints the minimum and median wall time of each, their ratio, kernel dispatches per apply and
// the time spent inside the native addon. Not a test: numbers depend on the machine and its load.
//
//   pnpm --filter @ct-fracture/trainer build
//   flock /tmp/ctf-bench.lock node packages/trainer/scripts/bench-adam.mjs [--rounds 10] [--json]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createDenseNet3d, densenetPreset, headsFromTasks } from '@ct-fracture/densenet3d';
import { DEFAULT_LABEL_SPEC } from '@ct-fracture/labels';
import * as onednn from '@ct-fracture/tfjs-backend-onednn';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { AdamOptimizer } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '10' },
    type: { type: 'string', default: 'adam' },
    'weight-decay': { type: 'string', default: '0' },
    json: { type: 'boolean', default: false },
  },
});
if (!onednn.oneDnnStatus().available) {
  const s = onednn.oneDnnStatus();
  throw new Error(`the onednn addon is not available: ${s.reason}; ${s.hint}`);
}
if (!(await tf.setBackend('onednn'))) throw new Error('the onednn backend did not initialise');
const kernel = tf.getKernel('CtfAdamUpdate', 'onednn');
if (kernel === undefined) throw new Error('this onednn build registers no CtfAdamUpdate');

const heads = headsFromTasks(DEFAULT_LABEL_SPEC.tasks); // the six default heads
const model = createDenseNet3d({ body: densenetPreset('densenet121'), heads }, { seed: 1 });
const trainable = [...model.weights].filter(([, v]) => v.trainable);
const options = {
  type: values.type,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: Number(values['weight-decay']),
};
const gradients = new Map(
  trainable.map(([name, v], i) => [name, tf.randomNormal(v.shape, 0, 1e-3, 'float32', i)]),
);
const copy = () => new Map(trainable.map(([name, v]) => [name, tf.variable(v.clone())]));
const paths = {
  composite: { optimizer: new AdamOptimizer(copy(), options), ms: [] },
  fused: { optimizer: new AdamOptimizer(copy(), options), ms: [] },
};
const setFused = (on) => {
  const registered = tf.getKernel('CtfAdamUpdate', 'onednn') !== undefined;
  if (on && !registered) tf.registerKernel(kernel);
  if (!on && registered) tf.unregisterKernel('CtfAdamUpdate', 'onednn');
};

// Time inside the addon, by wrapping its functions.
const native = tf.backend().native;
let inside = 0;
for (const [name, fn] of Object.entries(native)) {
  if (typeof fn !== 'function') continue;
  native[name] = (...args) => {
    const t0 = performance.now();
    try {
      return fn(...args);
    } finally {
      inside += performance.now() - t0;
    }
  };
}

const apply = (which) => {
  setFused(which === 'fused');
  inside = 0;
  const t0 = performance.now();
  paths[which].optimizer.apply(gradients, 5e-4);
  return { ms: performance.now() - t0, nativeMs: inside };
};
const loadBefore = loadavg()[0];
for (const which of ['composite', 'fused']) apply(which); // warm-up
for (let r = 0; r < Number(values.rounds); r++) {
  const order = r % 2 === 0 ? ['composite', 'fused'] : ['fused', 'composite'];
  for (const which of order) paths[which].ms.push(apply(which));
}
const dispatches = {};
for (const which of ['composite', 'fused']) {
  setFused(which === 'fused');
  const { kernels } = await tf.profile(() => paths[which].optimizer.apply(gradients, 5e-4));
  dispatches[which] = kernels.length;
}
setFused(true);

const stat = (runs) => {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)];
  const nativeMs = runs.map((r) => r.nativeMs).sort((a, b) => a - b)[Math.floor(ms.length / 2)];
  return { minMs: ms[0], medianMs: median, medianNativeMs: nativeMs };
};
const summary = {
  parameters: trainable.length,
  elements: trainable.reduce((s, [, v]) => s + v.size, 0),
  options,
  rounds: Number(values.rounds),
  loadAverage: [loadBefore, loadavg()[0]],
  composite: { ...stat(paths.composite.ms), dispatches: dispatches.composite },
  fused: { ...stat(paths.fused.ms), dispatches: dispatches.fused },
};
summary.medianRatio = summary.fused.medianMs / summary.composite.medianMs;
summary.minRatio = summary.fused.minMs / summary.composite.minMs;
if (values.json) console.log(JSON.stringify(summary));
else {
  const f = (x) => x.toFixed(1);
  console.log(
    `AdamOptimizer.apply over DenseNet121 (${summary.parameters} tensors, ${(summary.elements / 1e6).toFixed(1)} M values) on onednn, ${summary.rounds} alternating rounds, load ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)}:`,
  );
  for (const which of ['composite', 'fused']) {
    const s = summary[which];
    console.log(
      `  ${which.padEnd(9)} min ${f(s.minMs)} ms, median ${f(s.medianMs)} ms (${f(s.medianNativeMs)} ms inside the addon), ${s.dispatches} kernel dispatches`,
    );
  }
  console.log(
    `  fused / composite: ${summary.medianRatio.toFixed(2)}× (median), ${summary.minRatio.toFixed(2)}× (min)`,
  );
}
tf.dispose([...gradients.values()]);
for (const { optimizer } of Object.values(paths)) optimizer.dispose();
model.dispose();
