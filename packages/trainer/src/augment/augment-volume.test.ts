import { SeededRandom } from '@ct-fracture/core';
import { describe, expect, it } from 'vitest';
import { AUGMENTATION_PRESETS, type AugmentationParameters } from '../config/augmentation-schema';
import { affineResample, rotationMatrix, transpose3 } from './affine-resample';
import { augmentVolume, isAugmentationActive } from './augment-volume';
import { flipAxes } from './intensity';

const SHAPE: [number, number, number] = [9, 10, 11];

function ramp(): Float32Array {
  const data = new Float32Array(SHAPE[0] * SHAPE[1] * SHAPE[2]);
  const random = new SeededRandom(123);
  for (let i = 0; i < data.length; i += 1) data[i] = random.next();
  return data;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i += 1) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

const everything: AugmentationParameters = {
  rotation: { probability: 1, rangeDeg: [20, 20, 20] },
  zoom: { probability: 1, min: 0.8, max: 1.2 },
  flip: { probability: 0.5, axes: [0, 1, 2] },
  noise: { probability: 1, stdDev: 0.05 },
  intensityScale: { probability: 1, range: 0.2 },
  intensityShift: { probability: 1, range: 0.1 },
};

describe('affineResample', () => {
  it('is the identity for the identity matrix', () => {
    const data = ramp();
    expect(affineResample(data, SHAPE, rotationMatrix([0, 0, 0]))).toEqual(data);
  });

  it('rotates a cube by 90° about axis 0 as an index permutation', () => {
    const n = 7;
    const data = new Float32Array(n * n * n);
    for (let i = 0; i < data.length; i += 1) data[i] = i;
    const rotated = affineResample(
      data,
      [n, n, n],
      transpose3(rotationMatrix([Math.PI / 2, 0, 0])),
    );
    // Content rotated by R: out[d][h][w] = in at Rᵀ(p − c) + c = (d, w, n − 1 − h).
    for (const [d, h, w] of [
      [0, 0, 0],
      [3, 1, 5],
      [6, 6, 2],
    ] as const) {
      const expected = data[(d * n + w) * n + (n - 1 - h)]!;
      expect(rotated[(d * n + h) * n + w]).toBeCloseTo(expected, 3);
    }
  });

  it('pads with the border value', () => {
    const data = new Float32Array(4 * 4 * 4).fill(2);
    const shrunk = affineResample(
      data,
      [4, 4, 4],
      [
        [3, 0, 0],
        [0, 3, 0],
        [0, 0, 3],
      ],
    );
    expect(Array.from(new Set(shrunk))).toEqual([2]);
  });
});

describe('augmentVolume', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const data = ramp();
    const a = augmentVolume(data, SHAPE, everything, [7, 0, 3]);
    const b = augmentVolume(data, SHAPE, everything, [7, 0, 3]);
    const c = augmentVolume(data, SHAPE, everything, [7, 1, 3]);
    expect(b.data).toEqual(a.data);
    expect(b.applied).toEqual(a.applied);
    expect(maxDifference(a.data, c.data)).toBeGreaterThan(0.01);
  });

  it('does not modify its input', () => {
    const data = ramp();
    const copy = data.slice();
    augmentVolume(data, SHAPE, everything, [1]);
    expect(data).toEqual(copy);
  });

  it("leaves the volume unchanged with 'none' and reports nothing applied", () => {
    const data = ramp();
    const result = augmentVolume(data, SHAPE, AUGMENTATION_PRESETS.none, [1]);
    expect(result.data).toEqual(data);
    expect(result.data).not.toBe(data);
    expect(result.applied).toMatchObject({ rotationDeg: null, zoom: null, flippedAxes: [] });
    expect(isAugmentationActive(AUGMENTATION_PRESETS.none)).toBe(false);
  });

  it('rotates half of the samples with the original preset, by angles within ±6 rad', () => {
    const data = ramp();
    let rotated = 0;
    for (let sample = 0; sample < 200; sample += 1) {
      const { applied } = augmentVolume(data, SHAPE, AUGMENTATION_PRESETS.original, [0, 0, sample]);
      if (applied.rotationDeg) {
        rotated += 1;
        for (const angle of applied.rotationDeg) expect(Math.abs(angle)).toBeLessThan(343.78);
      }
    }
    expect(rotated).toBeGreaterThan(80);
    expect(rotated).toBeLessThan(120);
  });

  it('flips exactly the reported axes', () => {
    const data = ramp();
    const parameters: AugmentationParameters = {
      ...AUGMENTATION_PRESETS.none,
      flip: { probability: 0.5, axes: [0, 2] },
    };
    for (let sample = 0; sample < 6; sample += 1) {
      const { data: out, applied } = augmentVolume(data, SHAPE, parameters, [sample]);
      expect(out).toEqual(
        applied.flippedAxes.length === 0 ? data : flipAxes(data, SHAPE, applied.flippedAxes),
      );
    }
  });
});
