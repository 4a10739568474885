import { describe, expect, it } from 'vitest';
import { voxelToWorld } from '../affine/voxel-to-world';
import { NiftiError } from '../errors/nifti-error';
import { LPS_AFFINE } from '../testing/nifti-bytes';
import type { Vec3, Volume } from '../volume';
import type { ResizeMode } from './axis-weights';
import { resampleToSpacing } from './resample-spacing';

function field(shape: Vec3, value: (i: number, j: number, k: number) => number): Volume {
  const data = new Float32Array(shape[0] * shape[1] * shape[2]);
  for (let i = 0; i < shape[0]; i++)
    for (let j = 0; j < shape[1]; j++)
      for (let k = 0; k < shape[2]; k++) data[(i * shape[1] + j) * shape[2] + k] = value(i, j, k);
  return { data, shape, spacingMm: [0.7, 0.7, 1.5], affine: LPS_AFFINE };
}

describe('resampleToSpacing', () => {
  it.each([
    [[1, 1, 1] as Vec3, [14, 7, 9] as Vec3],
    [[0.35, 1.4, 3] as Vec3, [40, 5, 3] as Vec3],
  ])('to %j mm: shape %j, exact spacing, centre kept', (target, shape) => {
    const volume = field([20, 10, 6], () => 1);
    const out = resampleToSpacing(volume, { spacingMm: target });
    expect(out.shape).toEqual(shape);
    expect(out.spacingMm).toEqual(target);
    const centreBefore = voxelToWorld(volume.affine, [9.5, 4.5, 2.5]);
    const centreAfter = voxelToWorld(out.affine, [
      (shape[0] - 1) / 2,
      (shape[1] - 1) / 2,
      (shape[2] - 1) / 2,
    ]);
    for (let axis = 0; axis < 3; axis++)
      expect(centreAfter[axis]).toBeCloseTo(centreBefore[axis]!, 9);
    // The new affine's columns have the target lengths.
    for (let axis = 0; axis < 3; axis++) {
      const length = Math.hypot(
        out.affine[0]![axis]!,
        out.affine[1]![axis]!,
        out.affine[2]![axis]!,
      );
      expect(length).toBeCloseTo(target[axis]!, 9);
    }
  });

  it.each(['trilinear', 'nearest', 'area'] as ResizeMode[])(
    '%s keeps a constant volume constant',
    (mode) => {
      const out = resampleToSpacing(
        field([9, 8, 7], () => 42),
        { spacingMm: [0.5, 1.3, 2], mode },
      );
      expect(out.data.every((value) => value === 42)).toBe(true);
    },
  );

  it('trilinear reproduces a linear ramp in world space (inside the grid)', () => {
    const volume = field([12, 6, 5], (i) => 3 * i);
    const out = resampleToSpacing(volume, { spacingMm: [0.5, 0.7, 1.5] });
    // Output voxel o sits at input voxel scale·o + offset along i; value = 3·position.
    const scale = 0.5 / 0.7;
    const offset = (12 - 1) / 2 - (scale * (out.shape[0] - 1)) / 2;
    for (let o = 0; o < out.shape[0]; o++) {
      const position = scale * o + offset;
      if (position < 0 || position > 11) continue;
      expect(out.data[(o * out.shape[1] + 2) * out.shape[2] + 1]).toBeCloseTo(3 * position, 4);
    }
  });

  it('rejects a non-positive spacing', () => {
    expect(() =>
      resampleToSpacing(
        field([2, 2, 2], () => 0),
        { spacingMm: [1, 0, 1] },
      ),
    ).toThrow(NiftiError);
  });
});
