// Benchmark: metrics on a 20,000-row predictions.csv (the six default tasks) including the
// stratified bootstrap (1,000 resamples). Run after `pnpm --filter @ct-fracture/eval build`:
//
//   flock /tmp/ctf-bench.lock node packages/eval/bench/metrics-20k.mjs [--rows N] [--cli]
//
// Prints the median of 5 runs of (read + parse + metrics + bootstrap + JSON) in-process, wall and
// CPU time (the machine may be shared: CPU time shows the work, wall time what a user waits), a reference
// workload timed in the same invocation (sorting 2,000,000 doubles) and their ratio; with --cli
// also the wall time of `ct-fracture metrics FILE --json` as a child process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededRandom } from '@ct-fracture/core';
import { computeMetrics, formatPredictionsCsv, readPredictionsCsv } from '../dist/index.js';

const args = process.argv.slice(2);
const rows = Number(args[args.indexOf('--rows') + 1] || 20000) || 20000;
const withCli = args.includes('--cli');

const TASKS = [
  { name: 'fracture_parts', kind: 'multiclass', classes: ['1-part', '2-part', 'multipart'] },
  { name: 'dislocation', kind: 'binary', classes: ['no', 'yes'] },
  { name: 'gt_displacement', kind: 'binary', classes: ['no', 'yes'] },
  { name: 'shaft_translation', kind: 'multiclass', classes: ['none', 'substantial', 'complete'] },
  { name: 'varus', kind: 'binary', classes: ['no', 'yes'] },
  { name: 'articular', kind: 'multiclass', classes: ['none-rim', 'subcritical', 'headsplit'] },
];

function mulberry32(seed) {
  const generator = new SeededRandom(seed, 'mulberry32');
  return () => generator.next();
}

function syntheticTable(n, seed) {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return {
    patientIds: Array.from({ length: n }, (_, i) => `p${String(i).padStart(5, '0')}`),
    tasks: TASKS.map((task) => {
      const k = task.classes.length;
      const truth = new Int32Array(n);
      const probabilities = new Float64Array(n * k);
      for (let i = 0; i < n; i++) {
        const t = Math.floor(random() * k);
        truth[i] = random() < 0.05 ? -1 : t;
        // Float32 like a model's output, so scores tie as they do in practice. Binary heads give
        // one sigmoid probability; the predictions file holds 1 − p and p (as writePredictionsCsv).
        if (task.kind === 'binary') {
          const p = Math.fround(1 / (1 + Math.exp(-(normal() + (t === 1 ? 1.5 : -1.5)))));
          probabilities[i * 2] = 1 - p;
          probabilities[i * 2 + 1] = p;
          continue;
        }
        const logits = task.classes.map((_, c) => normal() + (c === t ? 1.5 : 0));
        const max = Math.max(...logits);
        const e = logits.map((l) => Math.exp(l - max));
        const sum = e.reduce((a, b) => a + b, 0);
        for (let c = 0; c < k; c++) probabilities[i * k + c] = Math.fround(e[c] / sum);
      }
      return { task, truth, probabilities };
    }),
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function reference() {
  const random = mulberry32(1);
  const values = Float64Array.from({ length: 2_000_000 }, random);
  const start = performance.now();
  values.sort();
  return performance.now() - start;
}

const folder = mkdtempSync(join(tmpdir(), 'ctf-bench-'));
const file = join(folder, 'predictions.csv');
writeFileSync(file, formatPredictionsCsv(syntheticTable(rows, 20240611)));
const times = [];
const cpuTimes = [];
const references = [];
for (let run = 0; run < 5; run++) {
  references.push(reference());
  const cpu = process.cpuUsage();
  const start = performance.now();
  const predictions = await readPredictionsCsv(file);
  const document = computeMetrics(predictions, { resamples: 1000, seed: 0 });
  JSON.stringify(document);
  times.push(performance.now() - start);
  const used = process.cpuUsage(cpu);
  cpuTimes.push((used.user + used.system) / 1000);
}
const result = {
  rows,
  tasks: TASKS.length,
  resamples: 1000,
  metrics_ms: Math.round(median(times)),
  metrics_cpu_ms: Math.round(median(cpuTimes)),
  reference_sort_2e6_ms: Math.round(median(references)),
  ratio: Number((median(times) / median(references)).toFixed(2)),
};
if (withCli) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
  const cli = [];
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    execFileSync(
      process.execPath,
      [join(root, 'apps/cli/bin/ct-fracture.cjs'), 'metrics', file, '--json'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    cli.push(performance.now() - start);
  }
  result.cli_wall_ms = Math.round(median(cli));
}
console.log(JSON.stringify(result));
rmSync(folder, { recursive: true, force: true });
