import { describe, expect, it } from 'vitest';
import type { EvaluationTask } from '../task-predictions';
import { computeMetrics } from './compute-metrics';
import { summariseFolds } from './fold-summary';

const VARUS: EvaluationTask = { name: 'varus', kind: 'binary', classes: ['no', 'yes'] };
const SHAFT: EvaluationTask = {
  name: 'shaft_translation',
  kind: 'multiclass',
  classes: ['none', 'substantial', 'complete'],
  ordinal: true,
};

/** A fold's metrics: varus from (truth, p(yes)) pairs, shaft translation all correct. */
function fold(varus: [number, number][]) {
  return computeMetrics(
    [
      { task: VARUS, truth: varus.map(([t]) => t), probabilities: varus.map(([, p]) => p) },
      {
        task: SHAFT,
        truth: varus.map((_pair, i) => i % 3),
        probabilities: varus.flatMap((_pair, i) => [0, 1, 2].map((c) => (c === i % 3 ? 1 : 0))),
      },
    ],
    { skipBootstrap: true },
  );
}

describe('summariseFolds', () => {
  // Accuracies 1/2, 1, 3/4 → mean 0.75, sample SD 0.25 (numpy.std(ddof=1)).
  const folds = [
    fold([
      [0, 0.2],
      [1, 0.3],
      [0, 0.1],
      [1, 0.9],
      [0, 0.7],
      [1, 0.4],
    ]),
    fold([
      [0, 0.2],
      [1, 0.8],
      [0, 0.1],
      [1, 0.9],
    ]),
    fold([
      [0, 0.2],
      [0, 0.3],
      [0, 0.6],
      [0, 0.1],
    ]),
  ];
  const summary = summariseFolds(folds);

  it('lists each fold value with NumPy mean and sample SD (ddof = 1)', () => {
    expect(summary.varus!.accuracy).toEqual({ mean: 0.75, sd: 0.25, values: [0.5, 1, 0.75] });
    expect(summary.shaft_translation!.accuracy).toEqual({ mean: 1, sd: 0, values: [1, 1, 1] });
  });

  it('leaves undefined fold values (null) out of mean and SD', () => {
    // Fold 3 has no positive case: its AUCs are undefined.
    const auc = summary.varus!['per_class.yes.auc']!;
    expect(auc.values[2]).toBeNull();
    expect(auc.values.slice(0, 2)).toEqual([folds[0]!.tasks.varus!.per_class.yes!.auc, 1]);
    const defined = auc.values.slice(0, 2) as number[];
    expect(auc.mean).toBe((defined[0]! + defined[1]!) / 2);
  });

  it('gives no SD under two defined values and no mean under one', () => {
    const one = summariseFolds([folds[0]!]);
    expect(one.varus!.accuracy).toEqual({ mean: 0.5, sd: null, values: [0.5] });
    expect(summariseFolds([folds[2]!]).varus!['per_class.yes.auc']).toEqual({
      mean: null,
      sd: null,
      values: [null],
    });
    expect(summariseFolds([])).toEqual({});
  });

  it('summarises quadratic kappa for ordinal tasks only, and every class metric', () => {
    expect(Object.keys(summary.varus!)).toEqual([
      'accuracy',
      'balanced_accuracy',
      'macro_f1',
      'cohen_kappa',
      'macro_auc',
      ...['no', 'yes'].flatMap((c) =>
        ['auc', 'sensitivity', 'specificity', 'ppv', 'npv', 'f1'].map((m) => `per_class.${c}.${m}`),
      ),
    ]);
    expect(Object.keys(summary.shaft_translation!)).toContain('quadratic_kappa');
  });
});
