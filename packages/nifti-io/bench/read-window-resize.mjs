#!/usr/bin/env node
// Benchmark (not a test): read a 512 × 512 × 320 int16 .nii.gz, window HU [-500, 1300] → [0, 1],
// resize to 128³ (area), as the original pipeline's deterministic preprocessing does.
//
//   pnpm --filter @ct-fracture/nifti-io build
//   flock /tmp/ctf-bench.lock node packages/nifti-io/bench/read-window-resize.mjs [--runs 3]
//
// Each variant runs in its own process (so peak RSS is its own), `--runs` times; medians are
// printed. When python3 with nibabel and torch is available, the same work is timed with
// nibabel (get_fdata float32) + torch (clamp, F.interpolate mode='area') in this invocation,
// and the ratios are printed. The test file is generated once (seeded) and cached in the OS
// temporary directory.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

const SHAPE = [512, 512, 320];
const WINDOW = [-500, 1300];
const TARGET = [128, 128, 128];
const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = join(HERE, '..', 'dist', 'index.js');
const DIST_NODE = join(HERE, '..', 'dist', 'node.js');
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

/** Seeded uniforms in [0, 1) (core's SeededRandom on mulberry32). */
function random(seed) {
  const generator = new SeededRandom(seed, 'mulberry32');
  return () => generator.next();
}

function header(shape) {
  const bytes = new Uint8Array(352);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, 348, true);
  [3, ...shape, 1, 1, 1, 1].forEach((value, index) => {
    view.setInt16(40 + 2 * index, value, true);
  });
  view.setInt16(70, 4, true); // int16
  view.setInt16(72, 16, true);
  [1, 0.7, 0.7, 1.0, 1, 1, 1, 1].forEach((value, index) => {
    view.setFloat32(76 + 4 * index, value, true);
  });
  view.setFloat32(108, 352, true);
  view.setFloat32(112, 1, true);
  view.setFloat32(116, 0, true);
  bytes[123] = 2;
  view.setInt16(252, 1, true);
  view.setInt16(254, 1, true);
  const srow = [
    [-0.7, 0, 0, 179],
    [0, -0.7, 0, 179],
    [0, 0, 1, -160],
  ];
  srow.forEach((row, r) => {
    row.forEach((value, c) => {
      view.setFloat32(280 + 16 * r + 4 * c, value, true);
    });
  });
  view.setFloat32(256 + 8, 1, true); // quatern_d = 1: 180° about z (LPS)
  view.setFloat32(268, 179, true);
  view.setFloat32(272, 179, true);
  view.setFloat32(276, -160, true);
  bytes.set([0x6e, 0x2b, 0x31, 0], 344);
  return bytes;
}

/** A CT-like phantom: air, a body ellipse of soft tissue with noise, a bone ring; seeded. */
async function generate(path) {
  const [ni, nj, nk] = SHAPE;
  const next = random(1234);
  const temporary = `${path}.${process.pid}.tmp`;
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(temporary);
  const done = new Promise((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    gzip.on('error', reject);
  });
  gzip.pipe(out);
  gzip.write(header(SHAPE));
  for (let k = 0; k < nk; k++) {
    const slice = new Int16Array(ni * nj);
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++) {
        const x = (i - 256) / 200;
        const y = (j - 256) / 150;
        const r = x * x + y * y;
        const bx = (i - 300 - 20 * Math.sin(k / 40)) / 40;
        const by = (j - 240) / 40;
        const b = bx * bx + by * by;
        let hu = -1000 + Math.floor(next() * 8);
        if (r < 1) hu = 40 + Math.floor((next() - 0.5) * 40);
        if (b < 1 && b > 0.55) hu = 1000 + Math.floor(next() * 300);
        else if (b <= 0.55) hu = 300 + Math.floor(next() * 120);
        slice[i + ni * j] = hu;
      }
    }
    if (!gzip.write(new Uint8Array(slice.buffer))) {
      await new Promise((resolve) => gzip.once('drain', resolve));
    }
  }
  gzip.end();
  await done;
  renameSync(temporary, path);
}

async function child(variant, file) {
  const lib = { ...(await import(DIST)), ...(await import(DIST_NODE)) };
  const start = performance.now();
  let volume;
  if (variant === 'fused') {
    ({ volume } = await lib.readNiftiPreprocessed(file, {
      windowHu: WINDOW,
      outputRange: [0, 1],
      size: TARGET,
      resizeMode: 'area',
      reorientToRas: false,
      spacingMm: null,
    }));
  } else {
    const read = await lib.readNifti(file);
    const windowed = lib.windowIntensity(read.volume, { windowHu: WINDOW });
    read.volume.data = new Float32Array(0);
    volume = lib.resizeVolume(windowed, { shape: TARGET, mode: 'area' });
  }
  const ms = performance.now() - start;
  let sum = 0;
  for (const value of volume.data) sum += value;
  process.stdout.write(
    `${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, mean: sum / volume.data.length })}\n`,
  );
}

const PYTHON_SCRIPT = `
import json, resource, sys, time
import nibabel as nib, numpy as np, torch, torch.nn.functional as F
import { SeededRandom } from '@ct-fracture/core';
start = time.perf_counter()
data = nib.load(sys.argv[1]).get_fdata(dtype=np.float32)
t = torch.from_numpy(data)
t = ((t - ${WINDOW[0]}) / (${WINDOW[1]} - ${WINDOW[0]})).clamp_(0, 1)
out = F.interpolate(t[None, None], size=(${TARGET.join(',')}), mode='area')[0, 0]
ms = (time.perf_counter() - start) * 1000
print(json.dumps({"ms": ms, "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "mean": float(out.mean()), "threads": torch.get_num_threads()}))
`;

function measure(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 3;
  const file = join(tmpdir(), `ctf-nifti-bench-${SHAPE.join('x')}-int16.nii.gz`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} …\n`);
    await generate(file);
  }
  const { statSync } = await import('node:fs');
  const uncompressedMb = (SHAPE[0] * SHAPE[1] * SHAPE[2] * 2 + 352) / 2 ** 20;
  console.log(
    `file: ${file} (${(statSync(file).size / 2 ** 20).toFixed(1)} MiB gzipped, ${uncompressedMb.toFixed(1)} MiB uncompressed int16)`,
  );
  const rows = [];
  const variants = [
    [
      'nifti-io readNiftiPreprocessed (fused)',
      process.execPath,
      [fileURLToPath(import.meta.url), 'child', 'fused', file],
    ],
    [
      'nifti-io readNifti → windowIntensity → resizeVolume',
      process.execPath,
      [fileURLToPath(import.meta.url), 'child', 'composed', file],
    ],
  ];
  const python = spawnSync(PYTHON, ['-c', 'import nibabel, torch'], { encoding: 'utf8' });
  if (python.status === 0)
    variants.push(['nibabel + torch (reference)', PYTHON, ['-c', PYTHON_SCRIPT, file]]);
  else console.log('python3 with nibabel + torch not found: no reference run');
  for (const [name, command, args] of variants) {
    const results = [];
    for (let run = 0; run < runs; run++) results.push(measure(command, args));
    rows.push({
      name,
      ms: median(results.map((r) => r.ms)),
      maxRssMb: median(results.map((r) => r.maxRssMb)),
      mean: results[0].mean,
      threads: results[0].threads,
    });
  }
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(56)} ${row.ms.toFixed(0).padStart(6)} ms  peak RSS ${row.maxRssMb.toFixed(0).padStart(5)} MiB (${(row.maxRssMb / uncompressedMb).toFixed(2)}× image)  output mean ${row.mean.toFixed(6)}${row.threads ? `  torch threads ${row.threads}` : ''}`,
    );
  }
  const reference = rows.find((row) => row.name.startsWith('nibabel'));
  if (reference) {
    for (const row of rows.filter((r) => r !== reference)) {
      console.log(
        `ratio ${row.name}: time ${(row.ms / reference.ms).toFixed(2)}× reference, peak RSS ${(row.maxRssMb / reference.maxRssMb).toFixed(2)}× reference`,
      );
    }
  }
}

if (process.argv[2] === 'child') await child(process.argv[3], process.argv[4]);
else await main();
