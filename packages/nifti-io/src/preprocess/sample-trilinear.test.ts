import { describe, expect, it } from 'vitest';
import { sampleTrilinear } from './sample-trilinear';

// A 2 × 3 × 4 array whose value is 100·i + 10·j + k: trilinear interpolation reproduces any
// function linear in each index exactly.
const SHAPE = [2, 3, 4] as const;
const DATA = Float32Array.from({ length: 24 }, (_, n) => {
  const i = Math.floor(n / 12);
  const j = Math.floor(n / 4) % 3;
  const k = n % 4;
  return 100 * i + 10 * j + k;
});

describe('sampleTrilinear', () => {
  it.each([
    ['a voxel centre', [1, 2, 3], 123],
    ['the origin', [0, 0, 0], 0],
    ['between two k', [0, 0, 2.5], 2.5],
    ['inside the grid', [0.5, 1.25, 0.75], 63.25],
    ['the last voxel on every axis', [1, 2, 3], 123],
    ['a fraction on the last index of an axis', [1, 2, 2.999], 122.999],
  ] as const)('at %s', (_name, [i, j, k], expected) => {
    expect(sampleTrilinear(DATA, SHAPE, i, j, k)).toBeCloseTo(expected, 9);
  });

  it('interpolates k, then j, then i, each as a + (b − a)·t', () => {
    const data = Float32Array.of(1, 3, 5, 11, 2, 7, 13, 17);
    const [fi, fj, fk] = [0.3, 0.6, 0.9];
    const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
    const expected = lerp(
      lerp(lerp(1, 3, fk), lerp(5, 11, fk), fj),
      lerp(lerp(2, 7, fk), lerp(13, 17, fk), fj),
      fi,
    );
    expect(sampleTrilinear(data, [2, 2, 2], fi, fj, fk)).toBe(expected);
  });

  it('works on an axis of one voxel', () => {
    expect(sampleTrilinear(Float32Array.of(4, 8), [1, 1, 2], 0, 0, 0.5)).toBe(6);
  });
});
