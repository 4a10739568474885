#!/usr/bin/env node
// DenseNet121 on the onednn backend vs a PyTorch CPU reference, in one invocation:
// `ct-fracture bench --backend onednn` (training step at batch 2, 64³; inference at 128³)
// and torch_densenet_bench.py (the same network in Debian's python3-torch), run back to
// back as pairs (alternating which goes first). Prints each pair, the medians over pairs,
// the time ratios onednn / torch and the effective convolution GFLOP/s.
//
//   node bench/vs-pytorch.mjs [--pairs 3] [--size 64] [--batch 2] [--infer-size 128]
//                             [--steps 3] [--threads 2] [--json]
//
// It takes /tmp/ctf-bench.lock for the whole run (benchmarks on the shared machine are
// serialised). Timings on 2 shared cores are noisy: quote the medians with the load.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const LOCK = '/tmp/ctf-bench.lock';
if (process.env.CTF_BENCH_LOCKED !== '1' && existsSync('/usr/bin/flock')) {
  const r = spawnSync('/usr/bin/flock', [LOCK, process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, CTF_BENCH_LOCKED: '1' },
  });
  process.exit(r.status ?? 1);
}

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '3' },
    size: { type: 'string', default: '64' },
    batch: { type: 'string', default: '2' },
    'infer-size': { type: 'string', default: '128' },
    steps: { type: 'string', default: '3' },
    threads: { type: 'string', default: '2' },
    python: { type: 'string', default: '/usr/bin/python3' },
    json: { type: 'boolean', default: false },
  },
});
const repo = join(here, '..', '..', '..');
const cli = join(repo, 'apps', 'cli', 'bin', 'ct-fracture.cjs');
const common = [
  '--size',
  values.size,
  '--batch',
  values.batch,
  '--infer-size',
  values['infer-size'],
  '--steps',
  values.steps,
];

function run(command, args, env = {}) {
  const r = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) {
    const why = (r.stderr || r.error?.message || '').trim().split('\n').pop();
    throw new Error(`${command} ${args.join(' ')} failed: ${why}`);
  }
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const onednn = () =>
  run(process.execPath, [cli, 'bench', '--backend', 'onednn', '--json', ...common], {
    CTF_ONEDNN_THREADS: values.threads,
  });
const torch = () =>
  run(values.python, [
    join(here, 'torch_densenet_bench.py'),
    ...common,
    '--threads',
    values.threads,
  ]);

const median = (xs) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, digits = 0) => (x === null || x === undefined ? '—' : x.toFixed(digits));

const pairs = [];
const loadBefore = loadavg();
for (let p = 0; p < Number(values.pairs); p++) {
  const order = p % 2 === 0 ? ['onednn', 'torch'] : ['torch', 'onednn'];
  const pair = { load: loadavg()[0] };
  for (const which of order) pair[which] = which === 'onednn' ? onednn() : torch();
  pairs.push(pair);
  if (!values.json) {
    console.error(
      `pair ${p + 1} (${order.join(' then ')}, load ${pair.load.toFixed(2)}): train onednn ${fmt(pair.onednn.train_step_ms)} ms / torch ${fmt(pair.torch.train_step_ms)} ms = ${fmt(pair.onednn.train_step_ms / pair.torch.train_step_ms, 2)}×; infer onednn ${fmt(pair.onednn.infer_ms)} ms / torch ${fmt(pair.torch.infer_ms)} ms = ${fmt(pair.onednn.infer_ms / pair.torch.infer_ms, 2)}×`,
    );
  }
}
const first = pairs[0].onednn;
const summary = {
  size: Number(values.size),
  batch: Number(values.batch),
  infer_size: Number(values['infer-size']),
  threads: Number(values.threads),
  pairs: pairs.length,
  load_average_before: loadBefore[0],
  load_average_after: loadavg()[0],
  onednn_train_step_ms: median(pairs.map((p) => p.onednn.train_step_ms)),
  torch_train_step_ms: median(pairs.map((p) => p.torch.train_step_ms)),
  train_ratio: median(pairs.map((p) => p.onednn.train_step_ms / p.torch.train_step_ms)),
  onednn_infer_ms: median(pairs.map((p) => p.onednn.infer_ms)),
  torch_infer_ms: median(pairs.map((p) => p.torch.infer_ms)),
  infer_ratio: median(pairs.map((p) => p.onednn.infer_ms / p.torch.infer_ms)),
  train_conv_gflop: first.train_conv_gflop,
  onednn_peak_rss_mb: median(pairs.map((p) => p.onednn.peak_rss_mb)),
};
summary.onednn_train_conv_gflops = (summary.train_conv_gflop * 1e3) / summary.onednn_train_step_ms;
summary.torch_train_conv_gflops = (summary.train_conv_gflop * 1e3) / summary.torch_train_step_ms;
summary.onednn_infer_conv_gflops = median(pairs.map((p) => p.onednn.infer_conv_gflops));
summary.torch_infer_conv_gflops =
  summary.onednn_infer_conv_gflops === null
    ? null
    : (summary.onednn_infer_conv_gflops * summary.onednn_infer_ms) / summary.torch_infer_ms;

if (values.json) {
  console.log(JSON.stringify({ summary, pairs }));
} else {
  console.log(
    `DenseNet121, ${values.threads} threads, medians of ${pairs.length} back-to-back pairs (shared 2-core machine, load ${loadBefore[0].toFixed(2)} → ${summary.load_average_after.toFixed(2)}):`,
  );
  console.log(
    `  training step (batch ${values.batch}, ${values.size}³): onednn ${fmt(summary.onednn_train_step_ms)} ms, torch ${fmt(summary.torch_train_step_ms)} ms, ratio ${fmt(summary.train_ratio, 2)}× (target ≤ 1.5×, goal ≤ 1.0×)`,
  );
  console.log(
    `  inference (${values['infer-size']}³): onednn ${fmt(summary.onednn_infer_ms)} ms, torch ${fmt(summary.torch_infer_ms)} ms, ratio ${fmt(summary.infer_ratio, 2)}× (target ≤ 1.0×)`,
  );
  console.log(
    `  effective conv GFLOP/s (conv FLOPs / time): training onednn ${fmt(summary.onednn_train_conv_gflops, 1)}, torch ${fmt(summary.torch_train_conv_gflops, 1)} (${fmt(summary.train_conv_gflop, 1)} GFLOP per step); inference onednn ${fmt(summary.onednn_infer_conv_gflops, 1)}, torch ${fmt(summary.torch_infer_conv_gflops, 1)}`,
  );
  console.log(`  onednn peak RSS ${fmt(summary.onednn_peak_rss_mb)} MB`);
}
