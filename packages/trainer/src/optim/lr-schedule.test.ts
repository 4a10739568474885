import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/lr-schedule.json';
import { parseTrainConfig } from '../config/load-config';
import { learningRateAt, ORIGINAL_SCHEDULE, scheduleFromConfig } from './lr-schedule';

describe('learningRateAt', () => {
  it.each(fixture.cases)('equals PyTorch SequentialLR(LinearLR, CosineAnnealingLR): $name', (c) => {
    const schedule = {
      type: 'warmup-cosine' as const,
      baseLr: c.lr,
      warmupEpochs: c.warmupEpochs,
      warmupStartFactor: c.warmupStartFactor,
      cosineEpochs: c.cosineEpochs,
      minLr: c.minLr,
    };
    expect(c.rates).toHaveLength(c.epochs);
    c.rates.forEach((rate, epoch) => {
      expect(Math.abs(learningRateAt(schedule, epoch) - rate)).toBeLessThan(1e-15);
    });
  });

  it.each([
    [0, 5e-5],
    [5, 2.75e-4],
    [10, 5e-4],
    [55, (5e-4 + 1e-5) / 2],
    [100, 1e-5],
    [150, 1e-5],
  ])('original schedule: epoch %i → %f', (epoch, expected) => {
    expect(learningRateAt(ORIGINAL_SCHEDULE, epoch)).toBeCloseTo(expected, 15);
  });

  it('is the original schedule for the default configuration', () => {
    expect(scheduleFromConfig(parseTrainConfig({}))).toEqual(ORIGINAL_SCHEDULE);
  });

  it('is constant when configured so', () => {
    const schedule = scheduleFromConfig(parseTrainConfig({ schedule: { type: 'constant' } }));
    expect([0, 9, 99].map((epoch) => learningRateAt(schedule, epoch))).toEqual([5e-4, 5e-4, 5e-4]);
  });

  it('fits the cosine into the epochs after warm-up', () => {
    const config = parseTrainConfig({ training: { epochs: 20 }, schedule: { warmupEpochs: 2 } });
    const schedule = scheduleFromConfig(config);
    expect(schedule).toMatchObject({ cosineEpochs: 18 });
    expect(learningRateAt(schedule, 20)).toBeCloseTo(1e-5, 15);
  });
});
