#!/usr/bin/env node
// One 3D convolution (default 32³ × 32 → 32 channels, 3³, 'same', batch 1): forward and
// both gradients on tfjs-backend-cpu, on onednn and in PyTorch (Debian python3-torch),
// in one invocation. Run it under the shared benchmark lock:
//   flock /tmp/ctf-bench.lock node bench/conv-kernel.mjs [--size 32] [--channels 32] [--threads 2] [--runs 5]
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import '@ct-fracture/densenet3d/register-gradients';
import * as tf from '@tensorflow/tfjs-core';
import { oneDnnStatus, setOneDnnThreads } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '32' },
    channels: { type: 'string', default: '32' },
    threads: { type: 'string', default: '2' },
    runs: { type: 'string', default: '5' },
    'skip-cpu': { type: 'boolean', default: false },
  },
});
const size = Number(values.size);
const channels = Number(values.channels);
const runs = Number(values.runs);
const flop = 2 * size ** 3 * channels * channels * 27;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeOn(backend, repeat) {
  await tf.setBackend(backend);
  const x = tf.randomUniform([1, size, size, size, channels], 0, 1, 'float32', 1);
  const w = tf.randomUniform([3, 3, 3, channels, channels], 0, 1, 'float32', 2);
  const dy = tf.randomUniform([1, size, size, size, channels], 0, 1, 'float32', 3);
  const measure = (fn) => {
    tf.dispose(fn());
    const times = [];
    for (let i = 0; i < repeat; i++) {
      const start = performance.now();
      const out = fn();
      for (const t of Array.isArray(out) ? out : [out]) t.dataSync();
      times.push(performance.now() - start);
      tf.dispose(out);
    }
    return median(times);
  };
  const forward = measure(() => tf.conv3d(x, w, 1, 'same'));
  // The two kernels tf.grad runs for a conv3d: Conv3DBackpropInputV2 and Conv3DBackpropFilterV2.
  const backward = measure(() => [
    tf
      .engine()
      .runKernel(
        'Conv3DBackpropInputV2',
        { dy, filter: w },
        { strides: 1, pad: 'same', inputShape: x.shape },
      ),
    tf
      .engine()
      .runKernel(
        'Conv3DBackpropFilterV2',
        { x, dy },
        { strides: 1, pad: 'same', filterShape: w.shape },
      ),
  ]);
  tf.dispose([x, w, dy]);
  return { forward, backward };
}

const load = loadavg()[0].toFixed(2);
const rows = [];
if (oneDnnStatus().available) {
  setOneDnnThreads(Number(values.threads));
  rows.push(['onednn', await timeOn('onednn', runs)]);
}
const torch = spawnSync(
  '/usr/bin/python3',
  [
    join(here, 'torch_conv_bench.py'),
    '--size',
    String(size),
    '--in',
    String(channels),
    '--out',
    String(channels),
    '--threads',
    values.threads,
    '--runs',
    String(runs),
  ],
  { encoding: 'utf8' },
);
if (torch.status === 0) {
  const t = JSON.parse(torch.stdout);
  rows.push(['torch', { forward: t.forward_ms, backward: t.backward_ms }]);
} else {
  console.error(
    `torch reference skipped: ${(torch.stderr || torch.error?.message || '').split('\n').filter(Boolean).pop()}`,
  );
}
if (!values['skip-cpu']) rows.push(['cpu', await timeOn('cpu', 1)]);
console.log(
  `conv3d ${size}³ × ${channels} → ${channels}, 3³ same, batch 1; ${values.threads} threads; load average ${load} (shared machine)`,
);
console.log('backend   forward ms  GFLOP/s   backward(dx+dw) ms  GFLOP/s');
for (const [name, r] of rows) {
  console.log(
    `${name.padEnd(8)} ${r.forward.toFixed(2).padStart(11)} ${(flop / r.forward / 1e6).toFixed(1).padStart(8)} ${r.backward.toFixed(2).padStart(20)} ${((2 * flop) / r.backward / 1e6).toFixed(1).padStart(8)}`,
  );
}
const byName = Object.fromEntries(rows);
if (byName.onednn && byName.torch) {
  console.log(
    `onednn / torch time: forward ${(byName.onednn.forward / byName.torch.forward).toFixed(2)}×, backward ${(byName.onednn.backward / byName.torch.backward).toFixed(2)}×`,
  );
}
if (byName.onednn && byName.cpu) {
  console.log(
    `cpu / onednn time: forward ${(byName.cpu.forward / byName.onednn.forward).toFixed(0)}×`,
  );
}
