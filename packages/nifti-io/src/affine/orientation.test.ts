import { describe, expect, it } from 'vitest';
import type { Mat4 } from '../volume';
import { affineToAxcodes } from './orientation';

const diag = (x: number, y: number, z: number): Mat4 => [
  [x, 0, 0, 0],
  [0, y, 0, 0],
  [0, 0, z, 0],
  [0, 0, 0, 1],
];

describe('affineToAxcodes (nibabel aff2axcodes)', () => {
  it.each([
    ['identity', diag(1, 1, 1), 'RAS'],
    ['DICOM / ITK', diag(-0.7, -0.7, 1), 'LPS'],
    ['nibabel fallback (x flipped)', diag(-2, 2, 2), 'LAS'],
    ['all flipped', diag(-1, -1, -1), 'LPI'],
    [
      'permuted: i→S, j→R, k→A',
      [
        [0, 1, 0, 0],
        [0, 0, 1, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 1],
      ],
      'SRA',
    ],
    [
      'small rotation keeps RAS',
      [
        [0.99, -0.14, 0, 0],
        [0.14, 0.99, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 1],
      ],
      'RAS',
    ],
    [
      'rotation past 45° swaps axes',
      [
        [0.5, -0.87, 0, 0],
        [0.87, 0.5, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 1],
      ],
      'ALS',
    ],
    ['anisotropic zooms do not matter', diag(0.1, -30, 2), 'RPS'],
    ['a zero column', diag(1, 0, 1), 'R?S'],
  ] as [string, Mat4, string][])('%s → %s', (_name, affine, codes) => {
    expect(affineToAxcodes(affine)).toBe(codes);
  });
});
