#!/usr/bin/env node
// DenseNet121 on the onednn backend vs a PyTorch CPU reference, in one invocation:
// `ct-fracture bench --backend onednn` (a training step at --batch × --size³; inference of one
// --infer-size³ volume) and torch_densenet_bench.py (the same network in Debian's
// python3-torch), run back to back as pairs (alternating which goes first). Each process runs
// under /usr/bin/time, whose maximum resident set size is the peak RSS compared. Prints each
// pair, the medians over pairs of the times, of the per-pair ratios onednn / torch and of the
// peak RSS, the effective convolution GFLOP/s, the thread count and the machine's CPU.
//
//   node bench/vs-pytorch.mjs [--pairs 3] [--size 128] [--batch 2] [--infer-size 128]
//                             [--steps 3] [--threads 2] [--json]
//
// The acceptance runs of issue 14 (an idle machine; the lock serialises benchmarks):
//   node bench/vs-pytorch.mjs --pairs 3 --size 128 --batch 2 --infer-size 128
//   node bench/vs-pytorch.mjs --pairs 3 --size 64 --batch 2 --infer-size 0
//   node bench/vs-pytorch.mjs --pairs 3 --size 128 --batch 4 --infer-size 0 --steps 2
//
// It takes /tmp/ctf-bench.lock for the whole run (benchmarks on a shared machine are
// serialised). Timings on shared cores are noisy: quote the medians with the load.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
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
    size: { type: 'string', default: '128' },
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
  '--threads',
  values.threads,
];
const TIME = '/usr/bin/time';
const scratch = mkdtempSync(join(tmpdir(), 'ctf-vs-pytorch-'));

/** The CPU's model name (/proc/cpuinfo, else Node's), e.g. "AMD EPYC 9R45 (2 cores)". */
function cpuName() {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) model = line.split(':')[1].trim();
  } catch {
    // not Linux: Node's name
  }
  return `${model} (${cpus().length} cores)`;
}

/** Runs a benchmark process; returns its JSON document and its peak RSS (MB) from /usr/bin/time. */
function run(command, args, env = {}) {
  const rssFile = join(scratch, 'rss.txt');
  const timed = existsSync(TIME);
  const r = spawnSync(
    timed ? TIME : command,
    timed ? ['-f', '%M', '-o', rssFile, command, ...args] : args,
    { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) {
    const why = (r.stderr || r.error?.message || '').trim().split('\n').pop();
    throw new Error(`${command} ${args.join(' ')} failed: ${why}`);
  }
  const result = JSON.parse(r.stdout.trim().split('\n').pop());
  const kb = timed ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : Number.NaN;
  return { ...result, max_rss_mb: Number.isFinite(kb) ? kb / 1024 : null };
}

const onednn = () =>
  run(process.execPath, [cli, 'bench', '--backend', 'onednn', '--json', ...common]);
const torch = () => run(values.python, [join(here, 'torch_densenet_bench.py'), ...common]);

const median = (xs) => {
  const s = xs
    .filter((x) => x !== null && x !== undefined && !Number.isNaN(x))
    .sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ratio = (a, b) =>
  a === null || b === null || a === undefined || b === undefined ? null : a / b;
const fmt = (x, digits = 0) => (x === null || x === undefined ? '—' : x.toFixed(digits));

const pairs = [];
const loadBefore = loadavg();
const inferring = Number(values['infer-size']) > 0;
try {
  for (let p = 0; p < Number(values.pairs); p++) {
    const order = p % 2 === 0 ? ['onednn', 'torch'] : ['torch', 'onednn'];
    const pair = { load: loadavg()[0] };
    for (const which of order) pair[which] = which === 'onednn' ? onednn() : torch();
    pairs.push(pair);
    if (!values.json) {
      console.error(
        `pair ${p + 1} (${order.join(' then ')}, load ${pair.load.toFixed(2)}): train onednn ${fmt(pair.onednn.train_step_ms)} ms / torch ${fmt(pair.torch.train_step_ms)} ms = ${fmt(ratio(pair.onednn.train_step_ms, pair.torch.train_step_ms), 2)}×` +
          (inferring
            ? `; infer onednn ${fmt(pair.onednn.infer_ms)} ms / torch ${fmt(pair.torch.infer_ms)} ms = ${fmt(ratio(pair.onednn.infer_ms, pair.torch.infer_ms), 2)}×`
            : '') +
          `; peak RSS onednn ${fmt(pair.onednn.max_rss_mb)} MB / torch ${fmt(pair.torch.max_rss_mb)} MB`,
      );
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const first = pairs[0].onednn;
const summary = {
  cpu: cpuName(),
  size: Number(values.size),
  batch: Number(values.batch),
  infer_size: Number(values['infer-size']),
  threads: Number(values.threads),
  onednn_threads: first.threads ?? null,
  pairs: pairs.length,
  load_average_before: loadBefore[0],
  load_average_after: loadavg()[0],
  onednn_train_step_ms: median(pairs.map((p) => p.onednn.train_step_ms)),
  torch_train_step_ms: median(pairs.map((p) => p.torch.train_step_ms)),
  train_ratio: median(pairs.map((p) => ratio(p.onednn.train_step_ms, p.torch.train_step_ms))),
  onednn_infer_ms: median(pairs.map((p) => p.onednn.infer_ms)),
  torch_infer_ms: median(pairs.map((p) => p.torch.infer_ms)),
  infer_ratio: median(pairs.map((p) => ratio(p.onednn.infer_ms, p.torch.infer_ms))),
  onednn_peak_rss_mb: median(pairs.map((p) => p.onednn.max_rss_mb)),
  torch_peak_rss_mb: median(pairs.map((p) => p.torch.max_rss_mb)),
  rss_ratio: median(pairs.map((p) => ratio(p.onednn.max_rss_mb, p.torch.max_rss_mb))),
  train_conv_gflop: first.train_conv_gflop,
};
summary.onednn_train_conv_gflops = (summary.train_conv_gflop * 1e3) / summary.onednn_train_step_ms;
summary.torch_train_conv_gflops = (summary.train_conv_gflop * 1e3) / summary.torch_train_step_ms;
summary.onednn_infer_conv_gflops = median(pairs.map((p) => p.onednn.infer_conv_gflops));
summary.torch_infer_conv_gflops =
  summary.onednn_infer_conv_gflops === null || summary.torch_infer_ms === null
    ? null
    : (summary.onednn_infer_conv_gflops * summary.onednn_infer_ms) / summary.torch_infer_ms;

if (values.json) {
  console.log(JSON.stringify({ summary, pairs }));
} else {
  console.log(
    `DenseNet121 on ${summary.cpu}, ${values.threads} threads, medians of ${pairs.length} back-to-back pairs (load ${loadBefore[0].toFixed(2)} → ${summary.load_average_after.toFixed(2)}):`,
  );
  console.log(
    `  training step (batch ${values.batch}, ${values.size}³): onednn ${fmt(summary.onednn_train_step_ms)} ms, torch ${fmt(summary.torch_train_step_ms)} ms, ratio ${fmt(summary.train_ratio, 2)}× (target ≤ 0.8×)`,
  );
  if (inferring) {
    console.log(
      `  inference (${values['infer-size']}³): onednn ${fmt(summary.onednn_infer_ms)} ms, torch ${fmt(summary.torch_infer_ms)} ms, ratio ${fmt(summary.infer_ratio, 2)}× (target ≤ 0.5× at 128³)`,
    );
  }
  console.log(
    `  peak RSS (/usr/bin/time): onednn ${fmt(summary.onednn_peak_rss_mb)} MB, torch ${fmt(summary.torch_peak_rss_mb)} MB, ratio ${fmt(summary.rss_ratio, 2)}× (target ≤ 1.0×)`,
  );
  console.log(
    `  effective conv GFLOP/s (conv FLOPs / time): training onednn ${fmt(summary.onednn_train_conv_gflops, 1)}, torch ${fmt(summary.torch_train_conv_gflops, 1)} (${fmt(summary.train_conv_gflop, 1)} GFLOP per step)` +
      (inferring
        ? `; inference onednn ${fmt(summary.onednn_infer_conv_gflops, 1)}, torch ${fmt(summary.torch_infer_conv_gflops, 1)}`
        : ''),
  );
}
