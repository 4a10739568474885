#!/usr/bin/env node
// Microseconds per call and GFLOP/s of each convolution pass on DenseNet121's geometries at
// one input size (batch 2 by default), calling the addon directly: the loop for choosing
// the convolution paths' thresholds (CTF_ONEDNN_PATCH_POSITIONS, CTF_ONEDNN_POINTWISE_POSITIONS).
//   flock /tmp/ctf-bench.lock node bench/conv-geometries.mjs [--size 64] [--batch 2] [--reps 30]
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '../dist/index.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '64' },
    batch: { type: 'string', default: '2' },
    reps: { type: 'string', default: '30' },
    json: { type: 'boolean', default: false },
  },
});
await tf.setBackend('onednn');
const native = tf.backend().native;
const n = Number(values.batch);
const reps = Number(values.reps);
// Per dense block: spatial side, and the bottleneck's input widths (first, middle, last layer).
const size = Number(values.size);
const blocks = [
  { side: size / 4, widths: [64, 160, 224] },
  { side: size / 8, widths: [128, 320, 480] },
  { side: size / 16, widths: [256, 640, 992] },
  { side: size / 32, widths: [512, 768, 992] },
].filter((b) => b.side >= 1);
const geometry = (side, ic, oc, k) => ({
  batch: n,
  inChannels: ic,
  outChannels: oc,
  input: [side, side, side],
  output: [side, side, side],
  filter: [k, k, k],
  strides: [1, 1, 1],
  padBefore: k === 3 ? [1, 1, 1] : [0, 0, 0],
  padAfter: k === 3 ? [1, 1, 1] : [0, 0, 0],
  dilations: [1, 1, 1],
});
const rows = [];
for (const { side, widths } of blocks) {
  const cases = [
    ...widths.map((ic) => ({ name: `k1 ${ic}→128`, g: geometry(side, ic, 128, 1) })),
    { name: 'k3 128→32', g: geometry(side, 128, 32, 3) },
  ];
  for (const { name, g } of cases) {
    const positions = n * side ** 3;
    const x = new Float32Array(positions * g.inChannels).map(() => Math.random() - 0.5);
    const k3 = g.filter[0] ** 3;
    const w = new Float32Array(k3 * g.inChannels * g.outChannels).map(() => Math.random() - 0.5);
    const y = new Float32Array(positions * g.outChannels);
    const dx = new Float32Array(x.length);
    const dw = new Float32Array(w.length);
    const flop = 2 * positions * g.inChannels * g.outChannels * k3;
    const time = (fn) => {
      fn();
      const start = performance.now();
      for (let i = 0; i < reps; i++) fn();
      return ((performance.now() - start) * 1000) / reps;
    };
    const fwd = time(() => native.conv3dForward(x, w, y, g));
    const data = time(() => native.conv3dBackwardData(y, w, dx, g));
    const weights = time(() => native.conv3dBackwardWeights(x, y, dw, g));
    rows.push({ side, name, fwd, data, weights, flop });
  }
}
let total = 0;
for (const r of rows) {
  total += r.fwd + r.data + r.weights;
  if (!values.json)
    console.log(
      `${String(r.side).padStart(3)}³ ${r.name.padEnd(12)} fwd ${r.fwd.toFixed(0).padStart(6)} µs ${(r.flop / r.fwd / 1e3).toFixed(0).padStart(4)} GF/s  data ${r.data.toFixed(0).padStart(6)} µs ${(r.flop / r.data / 1e3).toFixed(0).padStart(4)}  weights ${r.weights.toFixed(0).padStart(6)} µs ${(r.flop / r.weights / 1e3).toFixed(0).padStart(4)}`,
    );
}
if (values.json) console.log(JSON.stringify(rows));
else console.log(`sum ${total.toFixed(0)} µs`);
