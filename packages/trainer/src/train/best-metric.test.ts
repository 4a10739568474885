import { describe, expect, it } from 'vitest';
import { improves, isLowerBetter, metricValue } from './best-metric';
import type { EpochTaskMetrics } from './task-metrics';

const task = (accuracy: number, balancedAccuracy: number, loss: number): EpochTaskMetrics => ({
  loss,
  accuracy,
  balanced_accuracy: balancedAccuracy,
  n: 10,
  confusion: [],
});
const tasks = { parts: task(0.8, 0.6, 0.3), varus: task(0.4, 0.5, 0.7) };

describe('metricValue', () => {
  it.each<[string, number]>([
    ['loss', 1.25],
    ['mean_accuracy', 0.6],
    ['mean_balanced_accuracy', 0.55],
    ['loss:varus', 0.7],
    ['accuracy:parts', 0.8],
    ['balanced_accuracy:varus', 0.5],
  ])('%s → %d', (metric, expected) => {
    expect(metricValue(metric, 1.25, tasks)).toBeCloseTo(expected, 12);
  });

  it('names the tasks when the metric names an unknown one', () => {
    expect(() => metricValue('accuracy:shaft', 1, tasks)).toThrow(/one of parts, varus/);
  });
});

describe('improves', () => {
  it.each<[string, number, number | null, number, boolean]>([
    ['loss', 0.5, null, 0, true],
    ['loss', 0.5, 0.6, 0, true],
    ['loss', 0.5, 0.55, 0.1, false],
    ['mean_accuracy', 0.7, 0.6, 0, true],
    ['mean_accuracy', 0.6, 0.6, 0, false],
    ['loss', Number.NaN, null, 0, false],
  ])('%s: %d over %s (minDelta %d) → %s', (metric, value, best, minDelta, expected) => {
    expect(improves(metric, value, best, minDelta)).toBe(expected);
  });

  it('minimises losses and maximises the rest', () => {
    expect([isLowerBetter('loss:parts'), isLowerBetter('balanced_accuracy:parts')]).toEqual([
      true,
      false,
    ]);
  });
});
