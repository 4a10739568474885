import { describe, expect, it } from 'vitest';
import { voxelToWorld } from '../affine/voxel-to-world';
import { randomVolume } from '../testing/nifti-bytes';
import type { Vec3 } from '../volume';
import { cropOrPad, cropOrPadStart } from './crop-or-pad';

describe('cropOrPad (MONAI ResizeWithPadOrCrop)', () => {
  it.each([
    // n, target, first input voxel (negative = padding before)
    [6, 3, 2],
    [5, 2, 1],
    [5, 5, 0],
    [3, 6, -1],
    [4, 7, -1],
    [4, 8, -2],
  ])('axis of %i → %i starts at input voxel %i', (n, t, start) => {
    expect(cropOrPadStart(n, t)).toBe(start);
  });

  it.each([
    ['crop', [3, 2, 2] as Vec3],
    ['pad', [9, 7, 6] as Vec3],
    ['crop and pad', [3, 8, 1] as Vec3],
  ])(
    '%s: every output voxel is the input voxel at the same world position, or the pad value',
    (_name, shape) => {
      const volume = randomVolume([6, 5, 4], 3);
      const out = cropOrPad(volume, { shape, value: -1024 });
      expect(out.shape).toEqual(shape);
      const inverse = (ijk: Vec3) =>
        [0, 1, 2].map(
          (axis) => ijk[axis]! + cropOrPadStart(volume.shape[axis]!, shape[axis]!),
        ) as Vec3;
      for (let i = 0; i < shape[0]; i++) {
        for (let j = 0; j < shape[1]; j++) {
          for (let k = 0; k < shape[2]; k++) {
            const [a, b, c] = inverse([i, j, k]);
            const inside = a >= 0 && b >= 0 && c >= 0 && a < 6 && b < 5 && c < 4;
            const value = out.data[(i * shape[1] + j) * shape[2] + k];
            expect(value).toBe(inside ? volume.data[(a * 5 + b) * 4 + c] : -1024);
            const world = voxelToWorld(out.affine, [i, j, k]);
            const expected = voxelToWorld(volume.affine, [a, b, c]);
            for (let axis = 0; axis < 3; axis++)
              expect(world[axis]).toBeCloseTo(expected[axis]!, 9);
          }
        }
      }
      expect(out.spacingMm).toEqual(volume.spacingMm);
    },
  );
});
