import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { voxelToWorld } from '../affine/voxel-to-world';
import { NiftiError } from '../errors/nifti-error';
import type { Vec3, Volume } from '../volume';
import type { ResizeMode } from './axis-weights';
import { resizeVolume } from './resize-volume';

/** fixtures/resize-expected.json: torch.nn.functional.interpolate of a seeded volume. */
const reference = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../fixtures/resize-expected.json', import.meta.url)),
    'utf8',
  ),
) as {
  input: { shape: Vec3; data: number[] };
  cases: { mode: ResizeMode; shape: Vec3; data: number[] }[];
};

const AFFINE = [
  [-0.8, 0.1, 0, 30],
  [0, 0.9, 0.2, -12],
  [0.05, 0, 2.5, 4],
  [0, 0, 0, 1],
];

function referenceVolume(): Volume {
  return {
    data: Float32Array.from(reference.input.data),
    shape: reference.input.shape,
    spacingMm: [0.8, 0.9, 2.5],
    affine: AFFINE,
  };
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let index = 0; index < a.length; index++) {
    worst = Math.max(worst, Math.abs(a[index]! - b[index]!));
  }
  return worst;
}

describe('resizeVolume matches torch.nn.functional.interpolate (fixtures/make_fixtures.py)', () => {
  it.each(reference.cases.map((entry) => [entry.mode, entry.shape.join('×'), entry] as const))(
    '%s to %s within 1e-5',
    (_mode, _shape, entry) => {
      const out = resizeVolume(referenceVolume(), { shape: entry.shape, mode: entry.mode });
      expect(out.shape).toEqual(entry.shape);
      expect(out.data).toHaveLength(entry.data.length);
      expect(maxAbsDifference(out.data, entry.data)).toBeLessThan(1e-5);
    },
  );
});

describe('resizeVolume geometry', () => {
  it('keeps the field of view: corners of the voxel grid map to the same world points', () => {
    const volume = referenceVolume();
    const out = resizeVolume(volume, { shape: [4, 3, 2] });
    // The outer face of voxel 0 is at −0.5 in both grids.
    const before = voxelToWorld(volume.affine, [-0.5, -0.5, -0.5]);
    const after = voxelToWorld(out.affine, [-0.5, -0.5, -0.5]);
    const farBefore = voxelToWorld(volume.affine, [8.5, 6.5, 4.5]);
    const farAfter = voxelToWorld(out.affine, [3.5, 2.5, 1.5]);
    for (let axis = 0; axis < 3; axis++) {
      expect(after[axis]).toBeCloseTo(before[axis]!, 10);
      expect(farAfter[axis]).toBeCloseTo(farBefore[axis]!, 10);
    }
    expect(out.spacingMm[0]).toBeCloseTo(0.8 * (9 / 4), 12);
    expect(out.spacingMm[2]).toBeCloseTo(2.5 * (5 / 2), 12);
  });

  it('returns new arrays and leaves the input alone', () => {
    const volume = referenceVolume();
    const copy = volume.data.slice();
    const out = resizeVolume(volume, { shape: volume.shape, mode: 'trilinear' });
    expect(out.data).not.toBe(volume.data);
    expect(Array.from(out.data)).toEqual(Array.from(copy));
    expect(Array.from(volume.data)).toEqual(Array.from(copy));
  });

  it.each([
    ['a zero extent', { shape: [0, 3, 3] as Vec3 }],
    ['a fractional extent', { shape: [2.5, 3, 3] as Vec3 }],
    ['an unknown mode', { shape: [2, 2, 2] as Vec3, mode: 'cubic' as ResizeMode }],
  ])('rejects %s with invalid-argument', (_name, options) => {
    expect(() => resizeVolume(referenceVolume(), options)).toThrow(NiftiError);
    try {
      resizeVolume(referenceVolume(), options);
    } catch (error) {
      expect((error as NiftiError).code).toBe('invalid-argument');
    }
  });
});
