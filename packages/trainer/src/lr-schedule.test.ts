import { describe, expect, it } from 'vitest';
import { learningRateAt, ORIGINAL_SCHEDULE } from './lr-schedule';

describe('learningRateAt (original schedule)', () => {
  it.each([
    [0, 5e-5],
    [5, 2.75e-4],
    [10, 5e-4],
    [55, (5e-4 + 1e-5) / 2],
    [100, 1e-5],
  ])('epoch %i → %f', (epoch, expected) => {
    expect(learningRateAt(ORIGINAL_SCHEDULE, epoch)).toBeCloseTo(expected, 12);
  });
});
