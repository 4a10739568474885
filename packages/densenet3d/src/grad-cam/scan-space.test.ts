import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Mat4,
  type PreprocessOptions,
  preprocessVolume,
  type Vec3,
  type Volume,
  voxelToWorld,
} from '@ct-fracture/nifti-io';
import { readNifti, writeNifti } from '@ct-fracture/nifti-io/node';
import { describe, expect, it } from 'vitest';
import { FIXTURES, maxAbsDiff } from '../test-support/fixture-bundle';
import { heatmapMaximum } from './heatmap-maximum';
import { heatmapToScanSpace } from './scan-space';

/**
 * fixtures/make_scan_space_fixture.py: scans with a bright marker ball at a known world point
 * (nibabel), and nibabel's reading of the heatmaps this test writes (see the script's steps).
 */
const FOLDER = join(FIXTURES, 'scan-space');
const UPDATE = process.env.UPDATE_SCAN_SPACE_FIXTURES === '1';

interface ScanEntry {
  file: string;
  shape: Vec3;
  affine: Mat4;
  axcodes: string;
  markerWorldMm: Vec3;
  markerVoxel: Vec3;
}

interface NibabelReading {
  dtype: string;
  shape: Vec3;
  affine: Mat4;
  sformCode: number;
  qformCode: number;
  maxVoxel: Vec3;
  maxWorldMm: Vec3;
  centroidWorldMm: Vec3;
}

const scans = JSON.parse(readFileSync(join(FOLDER, 'scans.json'), 'utf8')) as Record<
  string,
  ScanEntry
>;

const BASE: PreprocessOptions = {
  windowHu: [-500, 1300],
  outputRange: [0, 1],
  size: [24, 28, 20],
  reorientToRas: false,
  spacingMm: null,
  resizeMode: 'area',
};

const VARIANTS: Record<string, PreprocessOptions> = {
  plain: BASE,
  ras: { ...BASE, reorientToRas: true, resizeMode: 'trilinear' },
  'ras-respaced': { ...BASE, reorientToRas: true, spacingMm: [1.5, 1.5, 1.5] },
  respaced: { ...BASE, spacingMm: [2, 2, 2], size: [16, 20, 24] },
};

const CASES = Object.keys(scans).flatMap((scan) =>
  Object.keys(VARIANTS).map((variant) => [scan, variant] as const),
);

/** Centre of mass (voxel indices) of the values above `threshold`. */
function centreAbove(volume: Volume, threshold: number): Vec3 {
  const [, nj, nk] = volume.shape;
  const sum = [0, 0, 0];
  let total = 0;
  volume.data.forEach((value, index) => {
    if (value <= threshold) return;
    const weight = value - threshold;
    sum[0] += weight * Math.floor(index / (nj * nk));
    sum[1] += weight * (Math.floor(index / nk) % nj);
    sum[2] += weight * (index % nk);
    total += weight;
  });
  return sum.map((s) => s / total) as Vec3;
}

/** A truncated Gaussian blob (σ in voxels, 0 beyond 3σ) on the model grid. */
function blob(grid: Volume, centre: Vec3, sigma: number): Volume {
  const [ni, nj, nk] = grid.shape;
  const data = new Float32Array(ni * nj * nk);
  let index = 0;
  for (let i = 0; i < ni; i++)
    for (let j = 0; j < nj; j++)
      for (let k = 0; k < nk; k++, index++) {
        const r2 = (i - centre[0]) ** 2 + (j - centre[1]) ** 2 + (k - centre[2]) ** 2;
        data[index] = r2 > 9 * sigma * sigma ? 0 : Math.exp(-r2 / (2 * sigma * sigma));
      }
  return { ...grid, data };
}

function worldToVoxel(affine: Mat4, world: Vec3): Vec3 {
  // Solve A·v = world − t by Cramer's rule (3 × 3).
  const m = [0, 1, 2].map((r) => [affine[r]![0]!, affine[r]![1]!, affine[r]![2]!]);
  const b = [0, 1, 2].map((r) => world[r]! - affine[r]![3]!);
  const det = (a: number[][]) =>
    a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) -
    a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) +
    a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const d = det(m);
  return [0, 1, 2].map(
    (c) => det(m.map((row, r) => row.map((v, k) => (k === c ? b[r]! : v)))) / d,
  ) as Vec3;
}

async function roundTrip(scanName: string, variant: string) {
  const entry = scans[scanName]!;
  const { volume: scan } = await readNifti(join(FOLDER, entry.file));
  const input = preprocessVolume(scan, VARIANTS[variant]!);
  // Where the model sees the marker (bright ball → ~1 after the window), in model voxels.
  const seen = centreAbove(input, 0.6);
  const heatmap = heatmapToScanSpace(blob(input, seen, 1.5), scan);
  return { entry, scan, input, heatmap };
}

describe('heatmapToScanSpace: a model-space blob lands where the scan has the feature', () => {
  it.each(CASES)(
    '%s scan, %s preprocessing: within one voxel of the marker',
    async (scanName, variant) => {
      const { entry, scan, input, heatmap } = await roundTrip(scanName, variant);
      // nifti-io reads the scan's affine as nibabel does.
      expect(maxAbsDiff(scan.affine.flat(), entry.affine.flat())).toBeLessThan(1e-5);
      expect(input.shape).toEqual(VARIANTS[variant]!.size);
      expect(heatmap.shape).toEqual(entry.shape);
      expect(heatmap.affine).toEqual(scan.affine);
      const { voxel, worldMm } = heatmapMaximum(heatmap);
      const expected = worldToVoxel(scan.affine, entry.markerWorldMm);
      for (let axis = 0; axis < 3; axis++) {
        expect(Math.abs(voxel[axis]! - expected[axis]!), `axis ${axis}`).toBeLessThanOrEqual(1);
      }
      const distance = Math.hypot(...worldMm.map((w, axis) => w - entry.markerWorldMm[axis]!));
      expect(distance).toBeLessThanOrEqual(Math.hypot(...scan.spacingMm));
      const file = join(FOLDER, `${scanName}.${variant}.heatmap.nii.gz`);
      if (UPDATE) await writeNifti(file, heatmap, { datatype: 'float32' });
      // The committed file (read by nibabel below) is what this code writes now.
      const { header, volume: written } = await readNifti(file);
      expect(header.datatype).toBe('float32');
      expect(maxAbsDiff(written.data, heatmap.data)).toBeLessThan(1e-6);
    },
  );
});

describe.skipIf(UPDATE)(
  'the written heatmaps in nibabel (make_scan_space_fixture.py check)',
  () => {
    const readings = UPDATE
      ? {}
      : (JSON.parse(readFileSync(join(FOLDER, 'nibabel-check.json'), 'utf8')) as Record<
          string,
          NibabelReading
        >);
    it('covers every scan and preprocessing variant', () => {
      expect(Object.keys(readings).sort()).toEqual(
        CASES.map(([scan, variant]) => `${scan}.${variant}.heatmap.nii.gz`).sort(),
      );
    });
    it.each(CASES)(
      '%s scan, %s preprocessing: float32 with the scan affine, peak at the marker',
      (scanName, variant) => {
        const entry = scans[scanName]!;
        const reading = readings[`${scanName}.${variant}.heatmap.nii.gz`]!;
        expect(reading.dtype).toBe('float32');
        expect(reading.shape).toEqual(entry.shape);
        expect(reading.sformCode).toBeGreaterThan(0);
        expect(maxAbsDiff(reading.affine.flat(), entry.affine.flat())).toBeLessThan(1e-5);
        const voxelSizes = [0, 1, 2].map((c) =>
          Math.hypot(entry.affine[0]![c]!, entry.affine[1]![c]!, entry.affine[2]![c]!),
        );
        const diagonal = Math.hypot(...voxelSizes);
        for (const point of [reading.maxWorldMm, reading.centroidWorldMm]) {
          const distance = Math.hypot(...point.map((w, axis) => w - entry.markerWorldMm[axis]!));
          expect(distance).toBeLessThanOrEqual(diagonal);
        }
        const expected = voxelToWorld(entry.affine, reading.maxVoxel);
        expect(maxAbsDiff(expected, reading.maxWorldMm)).toBeLessThan(1e-4);
      },
    );
  },
);

// Golden values recorded before the preprocessing recipe and the trilinear sampler became one:
// the model input of explain and the heatmap in scan space stay bitwise the same.
describe('preprocessing and the way back are unchanged (golden)', () => {
  const digest = (values: Float32Array) =>
    createHash('sha256')
      .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
      .digest('hex');
  it.each(CASES)('%s scan, %s preprocessing', async (scanName, variant) => {
    const { input, heatmap } = await roundTrip(scanName, variant);
    expect(`${digest(input.data)} ${digest(heatmap.data)}`).toMatchSnapshot();
  });
});
