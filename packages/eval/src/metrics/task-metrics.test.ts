import { describe, expect, it } from 'vitest';
import { computeMetrics } from './compute-metrics';
import { computeTaskMetrics } from './task-metrics';

const VARUS = { name: 'varus', kind: 'binary', classes: ['no', 'yes'] } as const;

describe('computeTaskMetrics', () => {
  it('gives nulls with reasons when every label is missing', () => {
    const m = computeTaskMetrics({ task: VARUS, truth: [-1, -1], probabilities: [0.3, 0.8] });
    expect(m).toMatchObject({
      n: 0,
      missing: 2,
      accuracy: null,
      macro_auc: null,
      cohen_kappa: null,
    });
    expect(m.ci95.accuracy).toBeNull();
    expect(m.calibration.ece).toBeNull();
    expect(m.undefined_reasons).toMatchObject({
      accuracy: 'no labelled rows',
      'per_class.yes.auc': 'no labelled rows',
      operating_points: 'undefined: needs both classes in the truth',
    });
    expect(m.confusion_matrix).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('keeps the DESIGN.md keys first and serialises without NaN or Infinity', () => {
    const m = computeTaskMetrics(
      { task: VARUS, truth: [0, 1, 1, 0, 1], probabilities: [0.1, 0.9, 0.6, 0.4, 0.5] },
      { resamples: 100 },
    );
    expect(Object.keys(m).slice(0, 11)).toEqual([
      'n',
      'classes',
      'accuracy',
      'balanced_accuracy',
      'macro_f1',
      'cohen_kappa',
      'quadratic_kappa',
      'macro_auc',
      'confusion_matrix',
      'per_class',
      'ci95',
    ]);
    expect(JSON.stringify(m)).not.toMatch(/NaN|Infinity/);
    expect(m.predicted_counts).toEqual({ no: 2, yes: 3 });
  });

  it('rejects bad arrays with the task named', () => {
    expect(() =>
      computeTaskMetrics({ task: VARUS, truth: [0, 2], probabilities: [0.1, 0.2] }),
    ).toThrow(/task 'varus': truth must be a class index in \[-1, 2\), got 2 at row 1/);
    expect(() =>
      computeTaskMetrics({
        task: { ...VARUS, classes: ['a', 'b', 'c'] },
        truth: [0],
        probabilities: [1, 0, 0],
      }),
    ).toThrow(/a binary task must have exactly 2 classes, got 3/);
    expect(() =>
      computeTaskMetrics({ task: VARUS, truth: [0, 1], probabilities: [0.1, 0.2, 0.3] }),
    ).toThrow(/probabilities must hold 2 rows × 2 classes = 4 values, got 3/);
  });

  it('rejects duplicate task names and tasks over different rows', () => {
    const task = { task: VARUS, truth: [0, 1], probabilities: [0.2, 0.7] };
    expect(() => computeMetrics([task, task], { skipBootstrap: true })).toThrow(
      /task names must be unique, got 'varus' twice/,
    );
    expect(() =>
      computeMetrics(
        [task, { ...task, task: { ...VARUS, name: 'other' }, truth: [0], probabilities: [0.1] }],
        {
          skipBootstrap: true,
        },
      ),
    ).toThrow(/every task must cover the same 2 rows, got 1 for task 'other'/);
  });
  it('uses given predicted classes for class metrics, the probabilities for AUC and calibration', () => {
    const probabilities = [0.1, 0.2, 0.35, 0.4, 0.3, 0.45]; // p(yes): all below 0.5
    const truth = [0, 0, 1, 1, 0, 1];
    const derived = computeTaskMetrics(
      { task: VARUS, truth, probabilities },
      { skipBootstrap: true },
    );
    const tuned = computeTaskMetrics(
      { task: VARUS, truth, probabilities, predicted: [0, 0, 1, 1, 1, 1] }, // threshold 0.3
      { skipBootstrap: true },
    );
    expect(derived.per_class.yes!.sensitivity).toBe(0);
    expect(tuned.per_class.yes!.sensitivity).toBe(1);
    expect(tuned.per_class.yes!.specificity).toBeCloseTo(2 / 3, 15);
    expect(tuned.accuracy).toBeCloseTo(5 / 6, 15);
    expect(tuned.confusion_matrix).toEqual([
      [2, 1],
      [0, 3],
    ]);
    expect(tuned.predicted_counts).toEqual({ no: 2, yes: 4 });
    expect(tuned.macro_auc).toBe(derived.macro_auc);
    expect(tuned.calibration).toEqual(derived.calibration);
    expect(tuned.operating_points).toEqual(derived.operating_points);
  });

  it.each([
    [[0, 1], /predicted must hold one class per row \(3\), got 2/],
    [[0, 2, 1], /predicted must be a class index in \[0, 2\), got 2 at row 1/],
    [[0, 0.5, 1], /got 0.5 at row 1/],
  ])('rejects given predictions %j', (predicted, message) => {
    expect(() =>
      computeTaskMetrics({
        task: VARUS,
        truth: [0, 1, -1],
        probabilities: [0.2, 0.7, 0.4],
        predicted,
      }),
    ).toThrow(message);
  });
});
