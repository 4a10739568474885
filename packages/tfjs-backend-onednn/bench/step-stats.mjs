#!/usr/bin/env node
// Per-step wall time, process CPU time, garbage-collection time, fresh allocations and RSS of
// DenseNet training steps on a backend (one process, no PyTorch): the development loop's
// measure. CPU time is far less sensitive than wall time to other processes on a shared machine.
//   flock /tmp/ctf-bench.lock node bench/step-stats.mjs [--size 128] [--batch 2] [--steps 3]
//                                  [--backend onednn] [--preset densenet121] [--plain] [--json]
// --plain trains with densenet3d's plain stages instead of the memory-efficient ones.
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../dist/index.js';
import { makeDenseNetBench } from './densenet-step.mjs';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '128' },
    batch: { type: 'string', default: '2' },
    steps: { type: 'string', default: '3' },
    backend: { type: 'string', default: 'onednn' },
    preset: { type: 'string', default: 'densenet121' },
    plain: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
if (!(await tf.setBackend(values.backend))) process.exit(1);
let gcMs = 0;
let gcCount = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcMs += entry.duration;
    gcCount += 1;
  }
}).observe({ entryTypes: ['gc'] });
const bench = makeDenseNetBench({
  preset: values.preset,
  size: Number(values.size),
  batch: Number(values.batch),
  fusedAdam: tf.getKernel('CtfMultiAdamUpdate', values.backend) !== undefined,
  memoryEfficient: !values.plain,
});
const pool = () => tf.backend().pool?.stats ?? { allocated: 0, allocatedBytes: 0 };
const rows = [];
for (let step = 0; step <= Number(values.steps); step++) {
  const before = { gcMs, gcCount, cpu: process.cpuUsage(), allocated: pool().allocatedBytes };
  const t0 = performance.now();
  bench.trainStep();
  await new Promise((r) => setImmediate(r)); // let the gc observer report
  const cpu = process.cpuUsage(before.cpu);
  const row = {
    step,
    wallMs: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    gcMs: gcMs - before.gcMs,
    gcs: gcCount - before.gcCount,
    freshMb: (pool().allocatedBytes - before.allocated) / 2 ** 20,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    arrayBuffersMb: process.memoryUsage().arrayBuffers / 2 ** 20,
    heapMb: process.memoryUsage().heapUsed / 2 ** 20,
    pooledMb: (tf.backend().pool?.bytes ?? 0) / 2 ** 20,
    nativeScratchMb: (tf.backend().native?.info().bufferBytes ?? 0) / 2 ** 20,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    tensors: tf.memory().numTensors,
  };
  rows.push(row);
  if (!values.json)
    console.error(
      `step ${step}${step === 0 ? ' (warm-up)' : ''}: wall ${row.wallMs.toFixed(0)} ms, cpu ${row.cpuMs.toFixed(0)} ms, gc ${row.gcMs.toFixed(0)} ms (${row.gcs}), fresh ${row.freshMb.toFixed(0)} MB, RSS ${row.rssMb.toFixed(0)} MB (peak ${row.peakRssMb.toFixed(0)}; array buffers ${row.arrayBuffersMb.toFixed(0)} of which pooled ${row.pooledMb.toFixed(0)}, JS heap ${row.heapMb.toFixed(0)}, native scratch ${row.nativeScratchMb.toFixed(0)}), ${row.tensors} tensors`,
    );
}
bench.dispose();
if (values.json) console.log(JSON.stringify(rows));
