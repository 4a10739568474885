#!/usr/bin/env node
// Kernel time breakdown of one DenseNet121 training step (or inference pass) on a backend
// (tf.profile):
//   node bench/profile-step.mjs [--mode train|infer] [--backend onednn] [--size 64] [--batch 2]
//                               [--fused-adam] [--json]
// --fused-adam updates with CtfMultiAdamUpdate, as @ct-fracture/trainer does on onednn; without it
// the step uses the trainer's element-wise Adam (its path on backends without the kernel).
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { oneDnnStatus } from '../dist/index.js';
import { makeDenseNetBench } from './densenet-step.mjs';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'onednn' },
    size: { type: 'string', default: '64' },
    batch: { type: 'string', default: '2' },
    preset: { type: 'string', default: 'densenet121' },
    mode: { type: 'string', default: 'train' },
    'fused-adam': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
if (values.backend === 'onednn' && !oneDnnStatus().available) {
  const s = oneDnnStatus();
  console.error(`onednn unavailable: ${s.reason}; ${s.hint}`);
  process.exit(1);
}
await tf.setBackend(values.backend);
const bench = makeDenseNetBench({
  preset: values.preset,
  size: Number(values.size),
  batch: Number(values.batch),
  fusedAdam: values['fused-adam'],
});
const infer = values.mode === 'infer';
const volume = infer
  ? tf.randomUniform([
      Number(values.batch),
      Number(values.size),
      Number(values.size),
      Number(values.size),
      1,
    ])
  : undefined;
const run = () => (infer ? bench.infer(volume) : bench.trainStep());
run(); // warm-up: primitive creation, allocation
const start = performance.now();
const profile = await tf.profile(() => {
  run();
});
const stepMs = performance.now() - start;
const byKernel = new Map();
let kernelTotal = 0;
for (const k of profile.kernels) {
  const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
  const entry = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
  entry.ms += ms;
  entry.calls += 1;
  byKernel.set(k.name, entry);
  kernelTotal += ms;
}
const rows = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms);
const native = new Set((await import('../dist/index.js')).nativeKernelNames);
const nativeMs = rows.filter(([name]) => native.has(name)).reduce((s, [, e]) => s + e.ms, 0);
if (values.json) {
  console.log(
    JSON.stringify({
      backend: values.backend,
      stepMs,
      kernelTotal,
      nativeMs,
      kernels: Object.fromEntries(rows),
    }),
  );
} else {
  console.log(
    `${values.preset} ${infer ? 'inference' : 'training step'}, batch ${values.batch}, ${values.size}³ on ${values.backend}: ${stepMs.toFixed(0)} ms (profiled), kernels ${kernelTotal.toFixed(0)} ms, native kernels ${nativeMs.toFixed(0)} ms (${((100 * nativeMs) / stepMs).toFixed(1)} % of the step)`,
  );
  console.log('kernel                          ms      %  calls  native');
  for (const [name, e] of rows) {
    console.log(
      `${name.padEnd(28)} ${e.ms.toFixed(1).padStart(8)} ${((100 * e.ms) / stepMs).toFixed(1).padStart(6)} ${String(e.calls).padStart(6)}  ${native.has(name) ? 'yes' : 'no'}`,
    );
  }
}

// Unprofiled: the time spent inside the native addon (wrapped calls) against wall time.
if (values.backend === 'onednn') {
  const native = tf.backend().native;
  let inside = 0;
  const byFunction = new Map();
  for (const [name, fn] of Object.entries(native)) {
    if (typeof fn !== 'function') continue;
    native[name] = (...args) => {
      const t0 = performance.now();
      try {
        return fn(...args);
      } finally {
        const dt = performance.now() - t0;
        inside += dt;
        byFunction.set(name, (byFunction.get(name) ?? 0) + dt);
      }
    };
  }
  const walls = [];
  const insides = [];
  for (let i = 0; i < 3; i++) {
    inside = 0;
    const t0 = performance.now();
    run();
    walls.push(performance.now() - t0);
    insides.push(inside);
  }
  const k = walls.indexOf([...walls].sort((a, b) => a - b)[1]);
  const summary = { wallMs: walls[k], nativeMs: insides[k], nativeShare: insides[k] / walls[k] };
  if (values.json) console.log(JSON.stringify(summary));
  else {
    console.log(
      `unprofiled (median of 3): ${walls[k].toFixed(0)} ms, of which ${insides[k].toFixed(0)} ms inside the native addon (${(100 * summary.nativeShare).toFixed(1)} %)`,
    );
    console.log(
      `  native time by addon function (3 runs): ${[...byFunction]
        .sort((a, b) => b[1] - a[1])
        .map(([n, ms]) => `${n} ${(ms / 3).toFixed(0)}`)
        .join(', ')}`,
    );
  }
}
bench.dispose();
