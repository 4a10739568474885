import { describe, expect, it } from 'vitest';
import { affineToAxcodes } from '../affine/orientation';
import { voxelToWorld } from '../affine/voxel-to-world';
import { NiftiError } from '../errors/nifti-error';
import { randomVolume } from '../testing/nifti-bytes';
import type { Mat4, Volume } from '../volume';
import { reorientToRas } from './reorient';

const AFFINES: [string, Mat4][] = [
  [
    'LPS',
    [
      [-0.7, 0, 0, 10],
      [0, -0.7, 0, 5],
      [0, 0, 1.5, -3],
      [0, 0, 0, 1],
    ],
  ],
  [
    'ASL',
    [
      [0, 0, -2, 1],
      [1.5, 0, 0, 2],
      [0, 1, 0, 3],
      [0, 0, 0, 1],
    ],
  ],
  [
    'PIR',
    [
      [0, 0, 0.9, 1],
      [-1.2, 0, 0, 2],
      [0, -0.8, 0, 3],
      [0, 0, 0, 1],
    ],
  ],
  [
    'LPI',
    [
      [-0.98, 0.17, 0, 4],
      [-0.17, -0.98, 0.1, 5],
      [0, 0.1, -2, 6],
      [0, 0, 0, 1],
    ],
  ],
];

/** Every voxel of `out` holds the input value found at the same world position. */
function expectSameWorld(input: Volume, out: Volume): void {
  const [ni, nj, nk] = input.shape;
  const inverseWorld = new Map<string, number>();
  for (let i = 0; i < ni; i++)
    for (let j = 0; j < nj; j++)
      for (let k = 0; k < nk; k++) {
        const key = voxelToWorld(input.affine, [i, j, k])
          .map((x) => x.toFixed(6))
          .join(',');
        inverseWorld.set(key, input.data[(i * nj + j) * nk + k]!);
      }
  const [ti, tj, tk] = out.shape;
  for (let i = 0; i < ti; i++)
    for (let j = 0; j < tj; j++)
      for (let k = 0; k < tk; k++) {
        const key = voxelToWorld(out.affine, [i, j, k])
          .map((x) => x.toFixed(6))
          .join(',');
        expect(inverseWorld.get(key)).toBe(out.data[(i * tj + j) * tk + k]);
      }
}

describe('reorientToRas (nibabel as_closest_canonical)', () => {
  it.each(AFFINES)('%s → RAS, every voxel keeps its world position', (codes, affine) => {
    const volume = randomVolume([5, 4, 3], 11, affine);
    expect(affineToAxcodes(affine)).toBe(codes);
    const out = reorientToRas(volume);
    expect(affineToAxcodes(out.affine)).toBe('RAS');
    expectSameWorld(volume, out);
  });

  it('shares the data of a volume that is already RAS', () => {
    const volume = randomVolume([3, 3, 3], 2, [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
    expect(reorientToRas(volume).data).toBe(volume.data);
  });

  it('rejects an affine with a zero column', () => {
    const volume = randomVolume([2, 2, 2], 2, [
      [1, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
    expect(() => reorientToRas(volume)).toThrow(NiftiError);
  });
});
