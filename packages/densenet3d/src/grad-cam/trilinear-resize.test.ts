import { resizeVolume } from '@ct-fracture/nifti-io';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../test-support/fixture-bundle';
import { trilinearResize } from './trilinear-resize';

const IDENTITY = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
];

describe('trilinearResize equals nifti-io resizeVolume trilinear (checked there against torch)', () => {
  it.each([
    [
      [2, 3, 4],
      [20, 24, 28],
    ],
    [
      [5, 6, 7],
      [3, 9, 7],
    ],
    [
      [1, 1, 1],
      [4, 4, 4],
    ],
  ] as const)('%j → %j', (inShape, outShape) => {
    const data = new Float32Array(inShape[0] * inShape[1] * inShape[2]).map(
      (_, i) => Math.sin(i * 1.7) + i * 0.01,
    );
    const expected = resizeVolume(
      { data, shape: [...inShape], spacingMm: [1, 1, 1], affine: IDENTITY },
      { shape: [...outShape], mode: 'trilinear' },
    ).data;
    expect(maxAbsDiff(trilinearResize(data, inShape, outShape), expected)).toBeLessThan(1e-6);
  });
});
