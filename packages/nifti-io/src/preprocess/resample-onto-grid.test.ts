import { describe, expect, it } from 'vitest';
import { voxelToWorld } from '../affine/voxel-to-world';
import { NiftiError } from '../errors/nifti-error';
import type { Mat4, Vec3, Volume } from '../volume';
import { reorientToRas } from './reorient';
import { resampleOntoGrid } from './resample-onto-grid';
import { resizeVolume } from './resize-volume';

const OBLIQUE: Mat4 = [
  [-0.8, 0.15, 0.1, 30],
  [0.1, 0.9, -0.3, -12],
  [0.05, 0.2, 2.4, 4],
  [0, 0, 0, 1],
];

function seededVolume(shape: Vec3, affine: Mat4, seed = 1): Volume {
  let state = seed >>> 0;
  const data = new Float32Array(shape[0] * shape[1] * shape[2]).map(() => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  });
  return { data, shape, spacingMm: [1, 1, 1], affine };
}

/** A volume whose values are a linear function of world position (trilinear reproduces it). */
function linearVolume(shape: Vec3, affine: Mat4, f: (world: Vec3) => number): Volume {
  const data = new Float32Array(shape[0] * shape[1] * shape[2]);
  let index = 0;
  for (let i = 0; i < shape[0]; i++)
    for (let j = 0; j < shape[1]; j++)
      for (let k = 0; k < shape[2]; k++) data[index++] = f(voxelToWorld(affine, [i, j, k]));
  return { data, shape, spacingMm: [1, 1, 1], affine };
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let index = 0; index < a.length; index++)
    worst = Math.max(worst, Math.abs(a[index]! - b[index]!));
  return worst;
}

describe('resampleOntoGrid', () => {
  it('is the identity on the same grid (both modes)', () => {
    const volume = seededVolume([5, 6, 7], OBLIQUE);
    for (const mode of ['trilinear', 'nearest'] as const) {
      const out = resampleOntoGrid(volume, volume, { mode });
      expect(maxAbsDifference(out.data, volume.data)).toBeLessThan(1e-6);
    }
  });

  it.each([
    ['LPS', [-0.8, 0, 0, 20, 0, -0.8, 0, 15, 0, 0, 1.5, -30]],
    ['PIR (permuted)', [0, 0, -1.2, 5, -0.7, 0, 0, 3, 0, -2, 0, 9]],
    ['oblique', OBLIQUE.slice(0, 3).flat()],
  ])(
    'onto the reoriented grid of a %s volume equals reorientToRas (exact permutation/flip)',
    (_name, flat) => {
      const affine = [0, 1, 2].map((r) => flat.slice(r * 4, r * 4 + 4)) as Mat4;
      affine.push([0, 0, 0, 1]);
      const volume = seededVolume([4, 5, 6], affine, 7);
      const ras = reorientToRas(volume);
      for (const mode of ['trilinear', 'nearest'] as const) {
        const out = resampleOntoGrid(volume, ras, { mode });
        expect(out.shape).toEqual(ras.shape);
        expect(maxAbsDifference(out.data, ras.data)).toBeLessThan(1e-5);
      }
    },
  );

  it.each([
    ['up', [9, 11, 5]],
    ['down', [3, 4, 2]],
    ['mixed', [8, 3, 7]],
  ] as const)(
    'onto a resized grid (%s) equals resizeVolume trilinear (align_corners=False)',
    (_name, shape) => {
      const volume = seededVolume([5, 6, 4], OBLIQUE, 3);
      const resized = resizeVolume(volume, { shape: [...shape], mode: 'trilinear' });
      const out = resampleOntoGrid(volume, resized);
      expect(maxAbsDifference(out.data, resized.data)).toBeLessThan(1e-5);
      expect(out.affine).toEqual(resized.affine);
      const column = resized.affine.map((row) => row[2]!);
      expect(out.spacingMm[2]).toBeCloseTo(Math.hypot(column[0]!, column[1]!, column[2]!), 6);
    },
  );

  it('reproduces a linear function of world position on an oblique grid inside the field of view', () => {
    const f = (w: Vec3) => 0.3 * w[0] - 0.2 * w[1] + 0.05 * w[2] + 7;
    const source = linearVolume([20, 18, 12], OBLIQUE, f);
    // A rotated, finer grid well inside the source.
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const target: Mat4 = [
      [0.5 * c, -0.5 * s, 0, 0],
      [0.5 * s, 0.5 * c, 0, 0],
      [0, 0, 0.7, 0],
      [0, 0, 0, 1],
    ];
    const centre = voxelToWorld(OBLIQUE, [9.5, 8.5, 5.5]);
    const corner = voxelToWorld(target, [5, 5, 5]);
    for (let r = 0; r < 3; r++) target[r]![3] = centre[r]! - corner[r]!;
    const out = resampleOntoGrid(source, { shape: [10, 10, 10], affine: target }, { fill: -1 });
    const expected = linearVolume([10, 10, 10], target, f);
    expect(maxAbsDifference(out.data, expected.data)).toBeLessThan(1e-4);
  });

  it('fills voxels outside the field of view and extends the edge within half a voxel', () => {
    const source: Volume = {
      data: Float32Array.from([1, 2, 3, 4]),
      shape: [4, 1, 1],
      spacingMm: [1, 1, 1],
      affine: [
        [1, 0, 0, 0],
        [0, 1, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 1],
      ],
    };
    // Target centres at x = −1, −0.4, 0.5, 3.4, 3.6, 5.
    const xs = [-1, -0.4, 0.5, 3.4, 3.6, 5];
    const out = xs.map(
      (x) =>
        resampleOntoGrid(
          source,
          {
            shape: [1, 1, 1],
            affine: [
              [1, 0, 0, x],
              [0, 1, 0, 0],
              [0, 0, 1, 0],
              [0, 0, 0, 1],
            ],
          },
          { fill: -9 },
        ).data[0],
    );
    expect(out).toEqual([-9, 1, 1.5, 4, -9, -9]);
  });

  it.each([
    [
      'a singular source affine',
      () =>
        resampleOntoGrid(
          {
            ...seededVolume([2, 2, 2], OBLIQUE),
            affine: [
              [1, 0, 0, 0],
              [0, 0, 0, 0],
              [0, 0, 1, 0],
              [0, 0, 0, 1],
            ],
          },
          { shape: [2, 2, 2], affine: OBLIQUE },
        ),
      'degenerate-affine',
    ],
    [
      'a bad mode',
      () =>
        resampleOntoGrid(
          seededVolume([2, 2, 2], OBLIQUE),
          { shape: [2, 2, 2], affine: OBLIQUE },
          {
            mode: 'cubic' as 'nearest',
          },
        ),
      'invalid-argument',
    ],
    [
      'a bad target shape',
      () =>
        resampleOntoGrid(seededVolume([2, 2, 2], OBLIQUE), { shape: [2, 0, 2], affine: OBLIQUE }),
      'invalid-argument',
    ],
    [
      'a non-finite target affine',
      () =>
        resampleOntoGrid(seededVolume([2, 2, 2], OBLIQUE), {
          shape: [2, 2, 2],
          affine: [
            [Number.NaN, 0, 0, 0],
            [0, 1, 0, 0],
            [0, 0, 1, 0],
            [0, 0, 0, 1],
          ],
        }),
      'degenerate-affine',
    ],
  ])('refuses %s', (_name, run, code) => {
    expect(run).toThrow(NiftiError);
    try {
      run();
    } catch (error) {
      expect((error as NiftiError).code).toBe(code);
    }
  });
});
