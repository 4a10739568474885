// Benchmark: generate and write 64 medium phantoms (≈ 128×128×96 voxels) with 2 worker threads
// and with none, against a reference workload run in the same invocation (fill + three
// separable 3-tap passes over the same number of voxels, single thread), so numbers from a
// busy shared machine can be compared as ratios.
//   pnpm --filter @ct-fracture/phantom build && flock /tmp/ctf-bench.lock node bench/generate-64.mjs [cases]
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePhantomDataset } from '../dist/index.js';

const cases = Number(process.argv[2] ?? 64);

function reference(volumes, [ni, nj, nk]) {
  const data = new Float32Array(ni * nj * nk);
  let checksum = 0;
  for (let v = 0; v < volumes; v++) {
    for (let n = 0; n < data.length; n++) data[n] = ((n * 2654435761) >>> 0) / 4294967296;
    for (const stride of [1, nk, nj * nk]) {
      for (let n = stride; n < data.length - stride; n++) {
        data[n] = 0.25 * data[n - stride] + 0.5 * data[n] + 0.25 * data[n + stride];
      }
    }
    checksum += data[data.length >> 1];
  }
  return checksum;
}

async function timed(label, run) {
  const start = performance.now();
  const result = await run();
  const seconds = (performance.now() - start) / 1000;
  return { label, seconds, result };
}

const rows = [];
rows.push(
  await timed(`reference (${cases} × 128×128×96 fill + 3 blur passes, 1 thread)`, () =>
    reference(cases, [128, 128, 96]),
  ),
);
for (const workers of [2, 0]) {
  const out = mkdtempSync(join(tmpdir(), 'ctf-phantom-bench-'));
  rows.push(
    await timed(`synth ${cases} medium cases, workers=${workers}`, () =>
      writePhantomDataset({ outDir: out, train: cases, test: 0, seed: 1, size: 'medium', workers }),
    ),
  );
  rmSync(out, { recursive: true, force: true });
}
const base = rows[0].seconds;
console.log(`cores: ${availableParallelism()}, node ${process.version}`);
for (const { label, seconds } of rows) {
  console.log(
    `${label.padEnd(64)} ${seconds.toFixed(2).padStart(7)} s  ${(seconds / base).toFixed(2).padStart(6)} × reference`,
  );
}
