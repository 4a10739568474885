import { SeededRandom, seedFromName } from '@ct-fracture/core';
import { describe, expect, it, vi } from 'vitest';
import { confusionMatrix } from '../metrics/confusion-matrix';
import {
  accuracyFromConfusion,
  balancedAccuracyFromConfusion,
  classRatios,
} from '../metrics/confusion-metrics';
import { rocAuc } from '../metrics/roc';
import { prepareTask } from '../prepare-task';
import type { TaskPredictions } from '../task-predictions';
import { arrangeByCell } from './arrange-by-cell';
import { quantileInPlace } from './percentile';
import { bootstrapTask, type Interval } from './stratified-bootstrap';
import { StratifiedSampler } from './stratified-sampler';

function multiclassTask(n: number, seed: number): TaskPredictions {
  const random = new SeededRandom(seed, 'xoshiro128**');
  const truth = Array.from({ length: n }, () =>
    random.next() < 0.1 ? -1 : Math.floor(random.next() * 3),
  );
  const probabilities = truth.flatMap((t) => {
    // Coarse values so that scores tie and arg-max ties occur.
    const raw = [0, 1, 2].map(
      (c) => Math.round((random.next() + (c === t ? 0.6 : 0)) * 4) / 4 + 0.05,
    );
    const sum = raw.reduce((a, b) => a + b, 0);
    return raw.map((v) => v / sum);
  });
  return {
    task: { name: 'grades', kind: 'multiclass', classes: ['a', 'b', 'c'] },
    truth,
    probabilities,
  };
}

function binaryTask(n: number, seed: number): TaskPredictions {
  const random = new SeededRandom(seed, 'xoshiro128**');
  const truth = Array.from({ length: n }, () => (random.next() < 0.4 ? 1 : 0));
  const p = truth.map((t) => Math.round((random.next() * 0.7 + t * 0.3) * 20) / 20);
  return {
    task: { name: 'varus', kind: 'binary', classes: ['no', 'yes'] },
    truth,
    probabilities: p.flatMap((v) => [1 - v, v]),
  };
}

/** The same resamples recomputed the slow way: resampled arrays and the point-estimate functions. */
function naiveIntervals(predictions: TaskPredictions, seed: number, resamples: number) {
  const labelled = prepareTask(predictions);
  const { classCount: k, n, truth, predicted, probabilities } = labelled;
  const { order, classStarts } = arrangeByCell(truth, predicted, k);
  const sampler = new StratifiedSampler(classStarts, seedFromName(seed, predictions.task.name));
  const positions = new Int32Array(n);
  const series = {
    accuracy: new Float64Array(resamples),
    balanced: new Float64Array(resamples),
    macroAuc: new Float64Array(resamples),
    sensitivity: Array.from({ length: k }, () => new Float64Array(resamples)),
    specificity: Array.from({ length: k }, () => new Float64Array(resamples)),
  };
  for (let r = 0; r < resamples; r++) {
    sampler.nextPositions(positions);
    const rows = Array.from(positions, (position) => order[position]!);
    const t = rows.map((row) => truth[row]!);
    const p = rows.map((row) => predicted[row]!);
    const matrix = confusionMatrix(t, p, k);
    series.accuracy[r] = accuracyFromConfusion(matrix)!;
    series.balanced[r] = balancedAccuracyFromConfusion(matrix)!;
    const aucs = [...Array(k).keys()]
      .map((c) =>
        rocAuc(
          t.map((v) => v === c),
          rows.map((row) => probabilities[row * k + c]!),
        ),
      )
      .filter((auc): auc is number => auc !== null);
    series.macroAuc[r] = aucs.reduce((a, b) => a + b, 0) / aucs.length;
    for (let c = 0; c < k; c++) {
      series.sensitivity[c]![r] = classRatios(matrix, c).sensitivity;
      series.specificity[c]![r] = classRatios(matrix, c).specificity;
    }
  }
  const ci = (values: Float64Array): Interval => ({
    lower: quantileInPlace(values, 0.025),
    upper: quantileInPlace(values, 0.975),
  });
  return {
    accuracy: ci(series.accuracy),
    balanced_accuracy: ci(series.balanced),
    macro_auc: ci(series.macroAuc),
    sensitivity: series.sensitivity.map(ci),
    specificity: series.specificity.map(ci),
  };
}

function expectInterval(actual: Interval | null, expected: Interval) {
  expect(actual).not.toBeNull();
  expect(actual!.lower).toBeCloseTo(expected.lower, 12);
  expect(actual!.upper).toBeCloseTo(expected.upper, 12);
}

describe('bootstrapTask', () => {
  it.each([
    ['multiclass with ties and missing labels', multiclassTask(90, 3)],
    ['binary with p(no) = 1 − p(yes) (one shared AUC sweep)', binaryTask(70, 4)],
  ])('equals a slow recomputation of the same resamples: %s', (_, predictions) => {
    const fast = bootstrapTask(prepareTask(predictions), { resamples: 200, seed: 11 });
    const slow = naiveIntervals(predictions, 11, 200);
    expectInterval(fast.accuracy, slow.accuracy);
    expectInterval(fast.balanced_accuracy, slow.balanced_accuracy);
    expectInterval(fast.macro_auc, slow.macro_auc);
    predictions.task.classes.forEach((name, c) => {
      expectInterval(fast.per_class[name]!.sensitivity, slow.sensitivity[c]!);
      expectInterval(fast.per_class[name]!.specificity, slow.specificity[c]!);
    });
  });

  it('is reproducible with a seed and changes with it', () => {
    const labelled = prepareTask(multiclassTask(80, 9));
    const a = bootstrapTask(labelled, { resamples: 300, seed: 1 });
    const b = bootstrapTask(labelled, { resamples: 300, seed: 1 });
    const c = bootstrapTask(labelled, { resamples: 300, seed: 2 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('gives intervals around the point estimate that narrow with more data', () => {
    const small = prepareTask(multiclassTask(60, 5));
    const large = prepareTask(multiclassTask(2000, 5));
    const width = (i: Interval | null) => i!.upper - i!.lower;
    const ciSmall = bootstrapTask(small);
    const ciLarge = bootstrapTask(large);
    const accuracy = accuracyFromConfusion(confusionMatrix(large.truth, large.predicted, 3))!;
    expect(ciLarge.accuracy!.lower).toBeLessThanOrEqual(accuracy);
    expect(ciLarge.accuracy!.upper).toBeGreaterThanOrEqual(accuracy);
    expect(width(ciLarge.accuracy)).toBeLessThan(width(ciSmall.accuracy) / 3);
  });

  it('gives degenerate intervals for perfect predictions and nulls where undefined', () => {
    const perfect = prepareTask({
      task: { name: 't', kind: 'multiclass', classes: ['a', 'b', 'c'] },
      truth: [0, 1, 0, 1, 0, 1],
      probabilities: [
        0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.7, 0.2, 0.1, 0.2, 0.7, 0.1, 0.9, 0.05, 0.05, 0, 1, 0,
      ],
    });
    const ci = bootstrapTask(perfect, { resamples: 100 });
    expect(ci.accuracy).toEqual({ lower: 1, upper: 1 });
    expect(ci.macro_auc).toEqual({ lower: 1, upper: 1 });
    expect(ci.per_class.c!.sensitivity).toBeNull();
    expect(ci.per_class.c!.specificity).toEqual({ lower: 1, upper: 1 });
  });

  it.each([
    [{ resamples: 99 }, /resamples must be an integer >= 100, got 99/],
    [{ resamples: 100.5 }, /got 100\.5/],
    [{ confidence: 1 }, /confidence must be in \(0, 1\), got 1/],
  ])('rejects %o', (options, message) => {
    expect(() => bootstrapTask(prepareTask(binaryTask(20, 1)), options)).toThrow(message);
  });
});

describe('StratifiedSampler', () => {
  it('draws within each stratum, with the xoshiro128** sequence of SeededRandom, as positions or counts', () => {
    const starts = Int32Array.of(0, 3, 3, 10);
    const positions = new Int32Array(10);
    new StratifiedSampler(starts, 42).nextPositions(positions);
    const random = new SeededRandom(42, 'xoshiro128**');
    const expected = [0, 0, 0, 3, 3, 3, 3, 3, 3, 3].map((start, j) => {
      const size = j < 3 ? 3 : 7;
      return start + Math.floor(random.next() * size);
    });
    expect(Array.from(positions)).toEqual(expected);
    const counts = new Uint8Array(10);
    expect(new StratifiedSampler(starts, 42).nextCounts(counts)).toBe(true);
    const tally = new Int32Array(10);
    for (const p of positions) tally[p]!++;
    expect(Array.from(counts)).toEqual(Array.from(tally));
    const wide = new Int32Array(10);
    new StratifiedSampler(starts, 42).nextWideCounts(wide);
    expect(wide).toEqual(tally);
    expect(counts.slice(0, 3).reduce((a, b) => a + b, 0)).toBe(3);
  });
});

describe('bootstrapTask byte-count overflow', () => {
  it('redraws a resample with 32-bit counts when a byte count overflows, with the same result', () => {
    const labelled = prepareTask(multiclassTask(120, 8));
    const expected = bootstrapTask(labelled, { resamples: 100, seed: 4 });
    let calls = 0;
    const original = StratifiedSampler.prototype.nextCounts;
    const spy = vi.spyOn(StratifiedSampler.prototype, 'nextCounts').mockImplementation(function (
      this: StratifiedSampler,
      counts: Uint8Array,
    ) {
      calls++;
      // Pretend every third resample overflowed: the generator must not advance.
      return calls % 3 === 0 ? false : original.call(this, counts);
    });
    try {
      expect(bootstrapTask(labelled, { resamples: 100, seed: 4 })).toEqual(expected);
    } finally {
      spy.mockRestore();
    }
  });
});
