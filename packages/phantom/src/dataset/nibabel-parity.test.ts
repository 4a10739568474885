import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectNifti, readNifti } from '@ct-fracture/nifti-io/node';
import { describe, expect, it } from 'vitest';
import { type CaseOptions, generateCase } from '../case/generate-case';
import { DEFAULT_CLASS_FREQUENCIES } from '../labels/class-frequencies';
import { type DatasetPlanOptions, planDataset } from './plan-dataset';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const FILE = join(FIXTURES, 'phantom-lps.nii.gz');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'phantom-lps.expected.json'), 'utf8'));
const crop = JSON.parse(readFileSync(join(FIXTURES, 'phantom-lps.crop.json'), 'utf8')) as {
  plan: Omit<DatasetPlanOptions, 'frequencies'>;
  caseIndex: number;
  options: CaseOptions;
  size: [number, number, number];
};

function expectMatrixClose(actual: number[][], wanted: number[][], tolerance: number): void {
  wanted.forEach((row, r) => {
    row.forEach((value, c) => {
      expect(Math.abs(actual[r]![c]! - value)).toBeLessThan(tolerance);
    });
  });
}

describe('a committed phantom read as nibabel reads it (fixtures/make_fixture.py)', () => {
  it('inspect: shape, zooms, affine, orientation, scaling and stats agree', async () => {
    const summary = await inspectNifti(FILE);
    expect(summary.shape).toEqual(expected.shape);
    expect(summary.datatype).toBe(expected.datatype);
    summary.spacing.forEach((zoom, axis) => {
      expect(zoom).toBeCloseTo(expected.zooms[axis], 5);
    });
    expectMatrixClose(summary.affine, expected.affine, 1e-4);
    expect(summary.orientation).toBe(expected.orientation);
    expect(summary.scaling).toEqual(expected.scaling);
    expect(summary.stats.min).toBe(expected.stats.min);
    expect(summary.stats.max).toBe(expected.stats.max);
    expect(summary.stats.mean).toBeCloseTo(expected.stats.mean, 6);
  });

  it('sform and qform are both set and give the same affine', () => {
    expect(expected.sformCode).toBeGreaterThan(0);
    expect(expected.qformCode).toBeGreaterThan(0);
    expectMatrixClose(expected.qform, expected.sform, 1e-4);
  });

  it('readNifti: the voxel values nibabel sampled', async () => {
    const { volume } = await readNifti(FILE);
    const [, nj, nk] = volume.shape;
    for (const { index, value } of expected.samples as { index: number[]; value: number }[]) {
      expect(volume.data[(index[0]! * nj + index[1]!) * nk + index[2]!]).toBe(value);
    }
  });

  it('regenerating the same case gives the same voxels and affine (deterministic across machines)', async () => {
    const spec = planDataset({ ...crop.plan, frequencies: DEFAULT_CLASS_FREQUENCIES })[
      crop.caseIndex
    ]!;
    const { rendered } = generateCase(spec, crop.options);
    const { volume } = await readNifti(FILE);
    const { data, shape, affine } = rendered.volume;
    const centre = rendered.regions.head.centreVoxel.map(Math.round);
    const start = crop.size.map((n, axis) =>
      Math.max(0, Math.min(shape[axis]! - n, centre[axis]! - n / 2)),
    );
    const [ci, cj, ck] = crop.size;
    let differences = 0;
    for (let i = 0; i < ci; i++) {
      for (let j = 0; j < cj; j++) {
        for (let k = 0; k < ck; k++) {
          const generated =
            data[((start[0]! + i) * shape[1] + start[1]! + j) * shape[2] + start[2]! + k]!;
          if (generated !== volume.data[(i * cj + j) * ck + k]) differences++;
        }
      }
    }
    expect(differences).toBe(0);
    const origin = [0, 1, 2].map(
      (r) => affine[r]![3]! + [0, 1, 2].reduce((s, c) => s + affine[r]![c]! * start[c]!, 0),
    );
    origin.forEach((value, r) => {
      expect(value).toBeCloseTo(volume.affine[r]![3]!, 3);
    });
  });
});
