#!/usr/bin/env node
// Where a DenseNet training step spends its time outside the native addon: the wall time between
// consecutive addon calls (JavaScript: tfjs's engine, the kernels' own code, garbage collection),
// summed per pair "previous → next" (addon functions, and the fused kernels' entry `Name{` and
// exit `}Name`), with the addon's own time per function. The loop for cutting JavaScript
// overhead; compare runs of one process build (the machine's noise moves whole runs).
//   flock /tmp/ctf-bench.lock node bench/native-gaps.mjs [--size 64] [--batch 2] [--steps 6] [--top 20]
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '../dist/index.js';
import { makeDenseNetBench } from './densenet-step.mjs';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '64' },
    batch: { type: 'string', default: '2' },
    steps: { type: 'string', default: '6' },
    top: { type: 'string', default: '20' },
  },
});
await tf.setBackend('onednn');
const bench = makeDenseNetBench({
  size: Number(values.size),
  batch: Number(values.batch),
  fusedAdam: true,
});
for (let i = 0; i < 4; i++) bench.trainStep();

const gaps = new Map();
const nativeMs = new Map();
let last = 0;
let previous = 'start';
let inNative = 0;
/** Adds the time since the last mark to the pair "previous → name". */
const mark = (name, now) => {
  const key = `${previous} → ${name}`;
  const entry = gaps.get(key) ?? { ms: 0, count: 0 };
  entry.ms += now - last;
  entry.count += 1;
  gaps.set(key, entry);
  previous = name;
};
const native = tf.backend().native;
const settings = new Set([
  'info',
  'setThreads',
  'setCacheCapacity',
  'clearCache',
  'setConvPaths',
  'convImplementations',
]);
for (const name of Object.keys(native)) {
  const fn = native[name];
  if (typeof fn !== 'function' || settings.has(name)) continue;
  native[name] = (...args) => {
    const start = performance.now();
    mark(name, start);
    const result = fn(...args);
    last = performance.now();
    inNative += last - start;
    nativeMs.set(name, (nativeMs.get(name) ?? 0) + last - start);
    return result;
  };
}
for (const kernelName of ['CtfDenseLayerForward', 'CtfDenseLayerBackward', 'CtfMultiAdamUpdate']) {
  const kernel = tf.getKernel(kernelName, 'onednn');
  const fn = kernel.kernelFunc;
  kernel.kernelFunc = (args) => {
    mark(`${kernelName}{`, performance.now());
    last = performance.now();
    const result = fn(args);
    mark(`}${kernelName}`, performance.now());
    last = performance.now();
    return result;
  };
}

const steps = Number(values.steps);
let wall = 0;
for (let i = 0; i < steps; i++) {
  const start = performance.now();
  last = start;
  previous = 'start';
  bench.trainStep();
  const end = performance.now();
  mark('end', end);
  wall += end - start;
}
const perStep = (ms) => (ms / steps).toFixed(2).padStart(7);
console.log(
  `DenseNet121 training step, batch ${values.batch}, ${values.size}³: wall ${perStep(wall)} ms, in the addon ${perStep(inNative)} ms, between addon calls ${perStep(wall - inNative)} ms (per step, ${steps} steps)`,
);
for (const [key, { ms, count }] of [...gaps]
  .sort((a, b) => b[1].ms - a[1].ms)
  .slice(0, Number(values.top))) {
  console.log(`${perStep(ms)} ms ${String(count / steps).padStart(5)}× ${key}`);
}
console.log(
  `addon per step: ${[...nativeMs]
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name} ${(ms / steps).toFixed(1)}`)
    .join(', ')}`,
);
