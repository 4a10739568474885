import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AUGMENTATION_PRESETS } from '../config/augmentation-schema';
import { epochOrder } from '../train/train-epoch';
import { augmentVolume } from './augment-volume';

// Golden values recorded before the random generator and the trilinear sampler moved out of the
// trainer: augmentation (and so training and exact resume) stays the same for a seed.
const SHAPE = [14, 11, 9] as const;
const VOLUME = Float32Array.from({ length: 14 * 11 * 9 }, (_, i) => Math.sin(i * 0.61) * 0.5 + 0.5);

function digest(values: Float32Array): string {
  return createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex');
}

describe('augmentation is unchanged for a seed (golden)', () => {
  it.each([
    ['original', [0, 1, 2]],
    ['original', [5, 0, 9]],
    ['light', [0, 1, 2]],
    ['light', [42, 3, 17]],
  ] as const)('%s preset, seed %j', (preset, seed) => {
    const { data, applied } = augmentVolume(VOLUME, SHAPE, AUGMENTATION_PRESETS[preset], seed);
    expect(`${digest(data)} ${JSON.stringify(applied)}`).toMatchSnapshot();
  });

  it('zooms, rotates and flips the same way (every transform on)', () => {
    const parameters = {
      ...AUGMENTATION_PRESETS.light,
      rotation: { probability: 1, rangeDeg: [20, 10, 30] as [number, number, number] },
      zoom: { probability: 1, min: 0.8, max: 1.25 },
      flip: { probability: 0.5, axes: [0, 1, 2] as (0 | 1 | 2)[] },
    };
    const { data, applied } = augmentVolume(VOLUME, SHAPE, parameters, [9, 9, 9]);
    expect(`${digest(data)} ${JSON.stringify(applied)}`).toMatchSnapshot();
  });

  it('shuffles epochs the same way', () => {
    expect([epochOrder(12, 3, 0), epochOrder(12, 3, 1), epochOrder(5, 0, 7)]).toMatchSnapshot();
  });
});
