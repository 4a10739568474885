#!/usr/bin/env node
// Benchmark (not a test): read a 512 × 512 × 300 CT series (int16, one explicit VR little endian
// file per slice), window HU [-500, 1300] → [0, 1] and resize to 128³ (area) — the original
// pipeline's deterministic preprocessing — next to dcm2niix (series → .nii) and nibabel + torch
// (.nii → the same preprocessing) on the same machine in the same invocation. Two variants of
// ours: fused (slices streamed into nifti-io's createSlicePreprocessor, what `train`, `predict`
// and `validate` run) and composed (the whole volume, then windowIntensity and resizeVolume).
//
//   pnpm --filter @ct-fracture/dicom-io --filter @ct-fracture/nifti-io build
//   flock /tmp/ctf-bench.lock node packages/dicom-io/bench/read-window-resize.mjs [--runs 3]
//
// Each variant runs in its own process (so peak RSS is its own), `--runs` times; medians are
// printed. The series is generated once (seeded) and cached in the OS temporary directory.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SHAPE = [512, 512, 300];
const WINDOW = [-500, 1300];
const TARGET = [128, 128, 128];
const HERE = dirname(fileURLToPath(import.meta.url));
const DICOM_IO = join(HERE, '..', 'dist', 'node.js');
const NIFTI_IO = join(HERE, '..', '..', 'nifti-io', 'dist', 'index.js');
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

/** Seeded PRNG (mulberry32). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A CT-like phantom (air, a body ellipse with noise, a bone ring) written as a series. */
async function generate(folder) {
  const { writeDicomFolder } = await import(DICOM_IO);
  const [ni, nj, nk] = SHAPE;
  const next = random(1234);
  const data = new Float32Array(ni * nj * nk);
  for (let i = 0; i < ni; i++) {
    for (let j = 0; j < nj; j++) {
      const x = (i - ni / 2) / (ni * 0.42);
      const y = (j - nj / 2) / (nj * 0.36);
      const r = x * x + y * y;
      const b = ((i - ni * 0.6) ** 2 + (j - nj * 0.45) ** 2) / (ni * 0.08) ** 2;
      for (let k = 0; k < nk; k++) {
        let hu = -1000 + Math.floor(next() * 20);
        if (r < 1) hu = 40 + Math.floor((next() - 0.5) * 40);
        if (b < 1 && b > 0.55) hu = 1000 + Math.floor(next() * 300);
        else if (b <= 0.55) hu = 300 + Math.floor(next() * 120);
        data[(i * nj + j) * nk + k] = hu;
      }
    }
  }
  const affine = [
    [-0.7, 0, 0, 179],
    [0, 0.7, 0, -179],
    [0, 0, 1, -160],
    [0, 0, 0, 1],
  ];
  await writeDicomFolder(
    folder,
    { data, shape: SHAPE, spacingMm: [0.7, 0.7, 1], affine },
    { uidKey: 'bench' },
  );
}

async function child(folder, variant) {
  const { readDicomFolder, readDicomFolderSlices } = await import(DICOM_IO);
  const { createSlicePreprocessor, windowIntensity, resizeVolume } = await import(NIFTI_IO);
  const start = performance.now();
  if (variant === 'fused') {
    let preprocessor;
    await readDicomFolderSlices(folder, {}, (header) => {
      preprocessor = createSlicePreprocessor(header, {
        windowHu: WINDOW,
        outputRange: [0, 1],
        size: TARGET,
        resizeMode: 'area',
        reorientToRas: false,
        spacingMm: null,
      });
      return (k, slice) =>
        preprocessor.add(k, slice.samples, {
          slope: slice.slope,
          intercept: slice.intercept,
          rowsReversed: true,
        });
    });
    const volume = preprocessor.result();
    const ms = performance.now() - start;
    let sum = 0;
    for (const value of volume.data) sum += value;
    process.stdout.write(
      `${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, mean: sum / volume.data.length })}\n`,
    );
    return;
  }
  const read = await readDicomFolder(folder);
  const readMs = performance.now() - start;
  const windowed = windowIntensity(read.volume, { windowHu: WINDOW });
  read.volume.data = new Float32Array(0);
  const volume = resizeVolume(windowed, { shape: TARGET, mode: 'area' });
  const ms = performance.now() - start;
  let sum = 0;
  for (const value of volume.data) sum += value;
  process.stdout.write(
    `${JSON.stringify({ ms, readMs, maxRssMb: process.resourceUsage().maxRSS / 1024, mean: sum / volume.data.length })}\n`,
  );
}

// dcm2niix (series → uncompressed .nii), then nibabel + torch: the same preprocessing.
const PYTHON_SCRIPT = `
import json, resource, subprocess, sys, tempfile, time, glob
start = time.perf_counter()
out = tempfile.mkdtemp()
subprocess.run(["dcm2niix", "-z", "n", "-b", "n", "-f", "bench", "-o", out, sys.argv[1]], check=True, capture_output=True)
dcm2niix_ms = (time.perf_counter() - start) * 1000
dcm2niix_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
import nibabel as nib, numpy as np, torch, torch.nn.functional as F
start = time.perf_counter()
data = nib.load(glob.glob(out + "/*.nii")[0]).get_fdata(dtype=np.float32)
t = torch.from_numpy(data)
t = ((t - ${WINDOW[0]}) / (${WINDOW[1]} - ${WINDOW[0]})).clamp_(0, 1)
result = F.interpolate(t[None, None], size=(${TARGET.join(',')}), mode='area')[0, 0]
nibabel_ms = (time.perf_counter() - start) * 1000
import shutil; shutil.rmtree(out)
print(json.dumps({"dcm2niixMs": dcm2niix_ms, "dcm2niixRssMb": dcm2niix_rss, "nibabelMs": nibabel_ms,
                  "nibabelRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "mean": float(result.mean())}))
`;

function measure(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 3;
  const folder = join(tmpdir(), `ctf-dicom-bench-${SHAPE.join('x')}`);
  if (!existsSync(folder)) {
    process.stderr.write(`generating ${folder} …\n`);
    await generate(folder);
  }
  const bytes = readdirSync(folder).reduce(
    (sum, name) => sum + statSync(join(folder, name)).size,
    0,
  );
  const floatMb = (SHAPE[0] * SHAPE[1] * SHAPE[2] * 4) / 2 ** 20;
  console.log(`CPU: ${cpus()[0]?.model} (${cpus().length} cores), Node ${process.version}`);
  console.log(
    `series: ${folder} (${SHAPE[2]} files, ${(bytes / 2 ** 20).toFixed(1)} MiB; the float32 volume is ${floatMb.toFixed(1)} MiB)`,
  );
  const ours = [];
  const fused = [];
  const reference = [];
  const self = fileURLToPath(import.meta.url);
  for (let run = 0; run < runs; run++) {
    fused.push(measure(process.execPath, [self, 'child', folder, 'fused']));
    ours.push(measure(process.execPath, [self, 'child', folder, 'composed']));
    reference.push(measure(PYTHON, ['-c', PYTHON_SCRIPT, folder]));
  }
  const m = (list, key) => median(list.map((entry) => entry[key]));
  const dcm2niixMs = m(reference, 'dcm2niixMs');
  const rows = [
    ['fused: readDicomFolderSlices → slice preprocessor', m(fused, 'ms'), m(fused, 'maxRssMb')],
    ['readDicomFolder (the whole volume)', m(ours, 'readMs'), null],
    ['readDicomFolder → windowIntensity → resizeVolume', m(ours, 'ms'), m(ours, 'maxRssMb')],
    ['dcm2niix -z n (series → .nii)', dcm2niixMs, m(reference, 'dcm2niixRssMb')],
    [
      'nibabel + torch (.nii → window + resize)',
      m(reference, 'nibabelMs'),
      m(reference, 'nibabelRssMb'),
    ],
    ['dcm2niix + nibabel + torch', dcm2niixMs + m(reference, 'nibabelMs'), null],
  ];
  console.log(`medians of ${runs} runs (alternating):`);
  for (const [name, ms, rss] of rows) {
    console.log(
      `  ${name.padEnd(52)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / dcm2niixMs).toFixed(2)}× dcm2niix${rss === null ? '' : `  peak RSS ${rss.toFixed(0)} MiB (${(rss / floatMb).toFixed(2)}× the float32 volume)`}`,
    );
  }
  console.log(
    `  mean of the 128³ result: fused ${fused[0].mean.toFixed(6)}, composed ${ours[0].mean.toFixed(6)}, torch ${reference[0].mean.toFixed(6)}`,
  );
}

if (process.argv[2] === 'child') await child(process.argv[3], process.argv[4]);
else if (process.argv[2] === 'clean')
  rmSync(join(tmpdir(), `ctf-dicom-bench-${SHAPE.join('x')}`), { recursive: true, force: true });
else await main();
