#!/usr/bin/env node
// Time and GFLOP/s of every convolution kind in a DenseNet121 training step (batch 2, 64³)
// on onednn, grouped by pass, kernel size and spatial size (3 steps after 2 warm-ups).
//   flock /tmp/ctf-bench.lock node bench/conv-breakdown.mjs
import * as tf from '@tensorflow/tfjs-core';
import '../dist/index.js';
import { makeDenseNetBench } from './densenet-step.mjs';

await tf.setBackend('onednn');
const b = makeDenseNetBench({ size: 64, batch: 2, fusedAdam: true });
b.trainStep();
b.trainStep();
const native = tf.backend().native;
const stats = new Map();
for (const name of ['conv3dForward', 'conv3dBackwardData', 'conv3dBackwardWeights']) {
  const fn = native[name];
  native[name] = (a, w, o, g) => {
    const t0 = performance.now();
    fn(a, w, o, g);
    const dt = performance.now() - t0;
    const n = g.batch;
    const ic = g.inChannels;
    const oc = g.outChannels;
    const [d] = g.input;
    const [k] = g.filter;
    const [od] = g.output;
    const key = `${name.replace('conv3d', '')} k${k} s${d}->${od} ${k === 1 ? (oc === 128 ? 'bottleneck' : 'transition') : k === 3 ? 'growth' : 'stem'}`;
    const flop = 2 * n * od ** 3 * ic * oc * k ** 3;
    const e = stats.get(key) ?? { ms: 0, flop: 0, calls: 0 };
    e.ms += dt;
    e.flop += flop;
    e.calls++;
    stats.set(key, e);
  };
}
for (let i = 0; i < 3; i++) b.trainStep();
let tot = 0;
for (const [k, e] of [...stats].sort((a, c) => c[1].ms - a[1].ms)) {
  tot += e.ms / 3;
  console.log(
    k.padEnd(45),
    (e.ms / 3).toFixed(1).padStart(7),
    'ms',
    (e.flop / e.ms / 1e6).toFixed(0).padStart(5),
    'GFLOP/s',
    e.calls / 3,
  );
}
console.log('total conv ms/step', tot.toFixed(0));
