import { describe, expect, it } from 'vitest';
import { TaskMetricsAccumulator } from './task-metrics';

describe('the predicted class of a row (core rule: binary p ≥ 0.5, else arg-max)', () => {
  it.each<[string, 'binary' | 'multiclass', number[], number]>([
    ['binary logit 0.3', 'binary', [0.3], 1],
    ['binary logit −0.3', 'binary', [-0.3], 0],
    ['binary logit 0 (p = 0.5)', 'binary', [0], 1],
    ['multiclass arg-max', 'multiclass', [0.1, 2, -1], 1],
    ['multiclass tie: the first class', 'multiclass', [2, 2, -1], 0],
  ])('%s', (_name, kind, logits, expected) => {
    const classes = kind === 'binary' ? 2 : 3;
    const metrics = new TaskMetricsAccumulator([{ name: 't', classes, kind }]);
    metrics.add([0], [Float32Array.from(logits)], [Int32Array.of(0)]);
    expect(metrics.summary().t!.confusion[0]).toEqual(
      Array.from({ length: classes }, (_, c) => (c === expected ? 1 : 0)),
    );
  });
});

describe('TaskMetricsAccumulator', () => {
  it('computes loss, accuracy and balanced accuracy over labelled rows only', () => {
    const metrics = new TaskMetricsAccumulator([
      { name: 'parts', classes: 3, kind: 'multiclass' },
      { name: 'varus', classes: 2, kind: 'binary' },
    ]);
    // Batch 1: parts true [0, 1, -1], predicted [0, 2, 1]; varus true [1, 0, 1], predicted [1, 1, 0].
    metrics.add(
      [0.5, 0.2],
      [Float32Array.from([3, 0, 0, 0, 0, 1, 0, 9, 0]), Float32Array.from([2, 1, -1])],
      [Int32Array.from([0, 1, -1]), Int32Array.from([1, 0, 1])],
      1,
    );
    // Batch 2: parts true [1], predicted [1]; varus missing.
    metrics.add(
      [0.1, 0],
      [Float32Array.from([0, 1, 0]), Float32Array.from([5])],
      [Int32Array.from([1]), Int32Array.from([-1])],
      3,
    );
    const summary = metrics.summary();
    expect(summary.parts!.n).toBe(3);
    expect(summary.parts!.loss).toBeCloseTo((0.5 * 2 + 0.1) / 3, 12);
    expect(summary.parts!.accuracy).toBeCloseTo(2 / 3, 12);
    // Recall class 0 = 1, class 1 = 1/2; class 2 absent → mean 0.75.
    expect(summary.parts!.balanced_accuracy).toBeCloseTo(0.75, 12);
    expect(summary.parts!.confusion).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 0],
    ]);
    expect(summary.varus).toMatchObject({ n: 3, accuracy: 1 / 3, balanced_accuracy: 0.25 });
    expect(metrics.meanTotalLoss()).toBeCloseTo((1 * 3 + 3 * 1) / 4, 12);
  });

  it('reports zeros for a task without labels', () => {
    const metrics = new TaskMetricsAccumulator([{ name: 'varus', classes: 2, kind: 'binary' }]);
    metrics.add([0], [Float32Array.from([1])], [Int32Array.from([-1])]);
    expect(metrics.summary().varus).toMatchObject({ n: 0, loss: 0, accuracy: 0 });
  });
});
