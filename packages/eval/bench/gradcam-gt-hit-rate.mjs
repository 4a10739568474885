// Experiment: does Grad-CAM point at the greater tuberosity? For phantom cases whose GT
// displacement is ≥ 1 cm (label "yes"), Grad-CAM of gt_displacement = yes is computed in the
// scan's own space and its maximum is checked against the case's greater-tuberosity region from
// the phantom manifest (axis-aligned bounding box in world mm, and the bounding sphere).
// Build first: pnpm --filter @ct-fracture/nifti-io --filter @ct-fracture/densenet3d --filter @ct-fracture/eval build
//
//   node packages/eval/bench/gradcam-gt-hit-rate.mjs --checkpoint RUN/checkpoints/best --data PHANTOM_DIR
//     [--split test|train|all] [--layer STAGE] [--method gradcam|gradcam++] [--negatives]
//     [--backend cpu|onednn] [--pngs DIR] [--json]
//
// Chance rates, per case, averaged over the cases:
//   - scan: the region's volume / the scan's field-of-view volume (a maximum placed uniformly
//     in the scan hits the box with this probability);
//   - bone: bone voxels (HU ≥ 200) inside the box / all bone voxels of the scan (a maximum
//     placed uniformly on bone).
// --negatives also runs the GT-negative cases (class "yes" explained where the label is "no").
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { explainVolume } from '@ct-fracture/densenet3d';
import { loadCheckpoint } from '@ct-fracture/densenet3d/node';
import { voxelToWorld } from '@ct-fracture/nifti-io';
import { readNifti } from '@ct-fracture/nifti-io/node';
import * as tf from '@tensorflow/tfjs-core';
import { explainScan, writeExplanation } from '../dist/index.js';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index < 0 ? fallback : args[index + 1];
};
const checkpointDir = flag('checkpoint');
const dataDir = flag('data');
if (!checkpointDir || !dataDir) {
  console.error('usage: gradcam-gt-hit-rate.mjs --checkpoint DIR --data PHANTOM_DIR [options]');
  process.exit(2);
}
const split = flag('split', 'test');
const layer = flag('layer');
const method = flag('method', 'gradcam');
const backend = flag('backend', 'cpu');
const pngDir = flag('pngs');
const json = args.includes('--json');

await import('@tensorflow/tfjs-backend-cpu');
if (backend === 'onednn') {
  // Not a dependency of eval: loaded from the workspace's built package.
  const onednn = await import(
    new URL('../../tfjs-backend-onednn/dist/index.js', import.meta.url).href
  );
  if (!onednn.registerOneDnnBackend().available) throw new Error('onednn unavailable');
  await tf.setBackend(onednn.ONEDNN_BACKEND_NAME);
} else {
  await tf.setBackend('cpu');
}
await import('@ct-fracture/densenet3d/register-gradients');

const manifest = JSON.parse(await readFile(join(dataDir, 'manifest.json'), 'utf8'));
const { model, metadata } = await loadCheckpoint(checkpointDir);

function insideBox(point, box) {
  return point.every((value, axis) => value >= box.min[axis] && value <= box.max[axis]);
}

function chance(scan, region) {
  const box = region.boundingBoxWorldMm;
  const boxVolume = [0, 1, 2].reduce((p, a) => p * (box.max[a] - box.min[a]), 1);
  const scanVolume = scan.shape.reduce((p, n, a) => p * n * scan.spacingMm[a], 1);
  let bone = 0;
  let boneInBox = 0;
  const [ni, nj, nk] = scan.shape;
  let index = 0;
  for (let i = 0; i < ni; i++)
    for (let j = 0; j < nj; j++)
      for (let k = 0; k < nk; k++, index++) {
        if (scan.data[index] < 200) continue;
        bone++;
        if (insideBox(voxelToWorld(scan.affine, [i, j, k]), box)) boneInBox++;
      }
  return { scan: boxVolume / scanVolume, bone: bone === 0 ? 0 : boneInBox / bone };
}

const cases = manifest.cases.filter(
  (c) =>
    (split === 'all' || c.split === split) &&
    (c.labels.gt_displacement === 'yes' || args.includes('--negatives')),
);
const rows = [];
let written = 0;
const started = Date.now();
for (const entry of cases) {
  const file = join(dataDir, entry.file);
  const { volume: scan } = await readNifti(file);
  const explained = await explainVolume(model, scan, metadata.preprocessing, {
    task: 'gt_displacement',
    className: 'yes',
    layer,
    method,
  });
  const region = entry.regions.greaterTuberosity;
  const point = explained.maximum.worldMm;
  const distance = Math.hypot(...point.map((v, a) => v - region.centreWorldMm[a]));
  const odds = chance(scan, region);
  rows.push({
    id: entry.id,
    split: entry.split,
    label: entry.labels.gt_displacement,
    probability: explained.gradCam.probabilities[1],
    maxWorldMm: point.map((v) => Number(v.toFixed(1))),
    distanceToGtCentreMm: Number(distance.toFixed(1)),
    inBox: insideBox(point, region.boundingBoxWorldMm),
    inSphere: distance <= region.radiusMm,
    modelMaxInBox: insideBox(explained.modelMaximum.worldMm, region.boundingBoxWorldMm),
    chanceScan: odds.scan,
    chanceBone: odds.bone,
  });
  if (pngDir && entry.labels.gt_displacement === 'yes' && written < 4) {
    mkdirSync(pngDir, { recursive: true });
    const full = await explainScan({
      model,
      metadata,
      scan: file,
      task: 'gt_displacement',
      className: 'yes',
      layer,
      method,
    });
    await writeExplanation(pngDir, full);
    written++;
  }
  if (!json)
    process.stderr.write(
      `${entry.id} ${rows.at(-1).inBox ? 'hit' : 'miss'} ${distance.toFixed(1)} mm\n`,
    );
}
model.dispose();

function summarise(label) {
  const group = rows.filter((row) => row.label === label);
  const mean = (key) => group.reduce((s, row) => s + Number(row[key]), 0) / (group.length || 1);
  const distances = group.map((row) => row.distanceToGtCentreMm).sort((a, b) => a - b);
  return {
    cases: group.length,
    hitRateBox: mean('inBox'),
    hitRateSphere: mean('inSphere'),
    hitRateBoxModelGrid: mean('modelMaxInBox'),
    chanceScan: mean('chanceScan'),
    chanceBone: mean('chanceBone'),
    medianDistanceMm: distances[Math.floor(distances.length / 2)] ?? null,
    meanProbabilityYes: mean('probability'),
  };
}

const result = {
  checkpoint: checkpointDir,
  split,
  layer: layer ?? `features.denseblock${model.config.body.blockConfig.length}`,
  method,
  backend,
  seconds: Math.round((Date.now() - started) / 1000),
  positives: summarise('yes'),
  ...(args.includes('--negatives') ? { negatives: summarise('no') } : {}),
  rows,
};
if (json) console.log(JSON.stringify(result, null, 1));
else {
  const { rows: _rows, ...summary } = result;
  console.log(JSON.stringify(summary, null, 1));
}
