import { describe, expect, it } from 'vitest';
import { NiftiError } from '../errors/nifti-error';
import type { Volume } from '../volume';
import { windowIntensity } from './window';

function line(values: number[]): Volume {
  return {
    data: Float32Array.from(values),
    shape: [values.length, 1, 1],
    spacingMm: [1, 1, 1],
    affine: [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ],
  };
}

describe('windowIntensity (MONAI ScaleIntensityRange)', () => {
  it.each([
    [
      'the original HU window → [0, 1]',
      { windowHu: [-500, 1300] as const },
      [-1000, -500, 400, 1300, 3000],
      [0, 0, 0.5, 1, 1],
    ],
    ['no clipping', { windowHu: [-500, 1300] as const, clip: false }, [-1400, 2200], [-0.5, 1.5]],
    [
      'to [-1, 1]',
      { windowHu: [0, 100] as const, outputRange: [-1, 1] as const },
      [0, 25, 100],
      [-1, -0.5, 1],
    ],
    [
      'reversed output range',
      { windowHu: [0, 10] as const, outputRange: [1, 0] as const },
      [-5, 0, 5, 15],
      [1, 1, 0.5, 0],
    ],
  ])('%s', (_name, options, input, expected) => {
    const out = windowIntensity(line(input), options);
    expected.forEach((value, index) => {
      expect(out.data[index]).toBeCloseTo(value, 6);
    });
  });

  it('keeps NaN and the geometry, and does not touch the input', () => {
    const input = line([Number.NaN, 400]);
    const out = windowIntensity(input, { windowHu: [-500, 1300] });
    expect(Number.isNaN(out.data[0]!)).toBe(true);
    expect(out.affine).toEqual(input.affine);
    expect(out.affine).not.toBe(input.affine);
    expect(input.data[1]).toBe(400);
  });

  it.each([
    ['hi = lo', [10, 10]],
    ['hi < lo', [10, 0]],
    ['NaN bound', [Number.NaN, 1]],
  ] as const)('rejects %s with invalid-argument', (_name, windowHu) => {
    expect(() => windowIntensity(line([1]), { windowHu })).toThrow(NiftiError);
  });
});
