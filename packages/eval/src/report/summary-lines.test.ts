import { describe, expect, it } from 'vitest';
import { calibrationLines, headlineMetrics } from './summary-lines';

describe('headlineMetrics', () => {
  it('prints one line per task, n/a where a metric is undefined', () => {
    const lines = headlineMetrics({
      metrics: {
        tasks: {
          varus: { balanced_accuracy: 0.8125, macro_auc: null, accuracy: 0.75, n: 12 },
        },
      },
    } as never);
    expect(lines).toEqual([
      'varus              balanced accuracy 0.813  macro AUC n/a  accuracy 0.750  (n=12)',
    ]);
  });
});

describe('calibrationLines', () => {
  const metadata = {
    calibration: {
      varus: {
        temperature: 1.5,
        validation: { n: 20, nllBefore: 0.7, nllAfter: 0.6, eceBefore: 0.2, eceAfter: 0.1 },
      },
    },
    operatingPoints: {
      varus: {
        threshold: 0.25,
        rule: 'youden',
        validation: { n: 20, sensitivity: 0.9, specificity: 0.8 },
      },
    },
  };

  it('says each temperature and operating point, and when the temperature is not applied', () => {
    expect(calibrationLines(metadata)).toEqual([
      'varus              temperature 1.500: validation NLL 0.700 → 0.600, ECE 0.200 → 0.100 (n=20)',
      'varus              operating point youden: positive when p ≥ 0.2500; validation sensitivity 0.900, specificity 0.800 (n=20)',
    ]);
    expect(calibrationLines(metadata, false)[0]).toContain('temperature 1.500 (not applied)');
    expect(calibrationLines({})).toEqual([]);
  });
});
