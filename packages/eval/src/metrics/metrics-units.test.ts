import { describe, expect, it } from 'vitest';
import { calibration } from './calibration';
import { cohenKappa } from './cohen-kappa';
import { confusionMatrix } from './confusion-matrix';
import { classRatios, macroF1FromConfusion } from './confusion-metrics';
import { operatingPoints } from './operating-points';
import { predictClasses } from './predict-classes';
import { rankClass, weightedAuc } from './ranked-scores';
import { rocAuc, rocCurve } from './roc';

describe('rocAuc (scikit-learn roc_auc_score values)', () => {
  it.each([
    // [truth, scores, roc_auc_score]
    [[0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0.75],
    [[0, 1], [0.5, 0.5], 0.5],
    [[0, 0, 1, 1], [0.2, 0.5, 0.5, 0.9], 0.875],
    [[1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4], 0],
    [[0, 1, 0, 1, 1], [0.3, 0.3, 0.3, 0.3, 0.9], 2 / 3],
  ])('%j × %j → %d', (truth, scores, expected) => {
    expect(rocAuc(truth, scores)).toBeCloseTo(expected, 12);
  });

  it('is null without positives or negatives', () => {
    expect(rocAuc([0, 0], [0.1, 0.2])).toBeNull();
    expect(rocAuc([1, 1], [0.1, 0.2])).toBeNull();
  });

  it('rejects NaN scores', () => {
    expect(() => rocAuc([0, 1], [0.1, Number.NaN])).toThrow(/scores must be numbers, got NaN/);
  });

  it('weights rows by multiplicity as if they were repeated', () => {
    const probabilities = [0.9, 0.1, 0.4, 0.6, 0.5, 0.5, 0.2, 0.8];
    const truth = [0, 1, 0, 1];
    const weighted = weightedAuc(rankClass(probabilities, 2, 1, truth), Int32Array.of(2, 0, 3, 1));
    expect(weighted).toBeCloseTo(rocAuc([0, 0, 0, 0, 0, 1], [0.1, 0.1, 0.5, 0.5, 0.5, 0.8])!, 12);
  });
});

describe('rocCurve', () => {
  it('steps through each distinct score from the top, ties together', () => {
    expect(rocCurve([0, 0, 1, 1], [0.2, 0.5, 0.5, 0.9])).toEqual([
      { fpr: 0, tpr: 0, threshold: Infinity, truePositives: 0, falsePositives: 0 },
      { fpr: 0, tpr: 0.5, threshold: 0.9, truePositives: 1, falsePositives: 0 },
      { fpr: 0.5, tpr: 1, threshold: 0.5, truePositives: 2, falsePositives: 1 },
      { fpr: 1, tpr: 1, threshold: 0.2, truePositives: 2, falsePositives: 2 },
    ]);
  });
});

describe('operatingPoints', () => {
  it('reports threshold 0.5 (p >= 0.5 is positive) and the highest threshold maximising J', () => {
    const points = operatingPoints([0, 0, 1, 1, 1], [0.1, 0.6, 0.5, 0.7, 0.9])!;
    expect(points.at_0_5).toEqual({
      threshold: 0.5,
      sensitivity: 1,
      specificity: 0.5,
      youden_j: 0.5,
    });
    // thresholds 0.9, 0.7, 0.6, 0.5, 0.1 give J = 1/3, 2/3, 1/6, 1/2, 0.
    expect(points.youden.threshold).toBe(0.7);
    expect(points.youden.youden_j).toBeCloseTo(2 / 3, 12);
    expect(points.youden.specificity).toBe(1);
    expect(operatingPoints([0, 0], [0.1, 0.9])).toBeNull();
  });
});

describe('predictClasses', () => {
  it.each([
    ['binary', [0.5, 0.5, 0.51, 0.49, 0.2, 0.8], 2, [1, 0, 1]],
    ['multiclass', [0.4, 0.4, 0.2, 0.1, 0.3, 0.6, 0.5, 0.5, 0], 3, [0, 2, 0]],
  ] as const)('%s %j → %j', (kind, probabilities, k, expected) => {
    expect(Array.from(predictClasses(kind, probabilities, k))).toEqual(expected);
  });
});

describe('confusion-matrix metrics', () => {
  const matrix = [
    [2, 0, 0],
    [1, 1, 0],
    [0, 0, 0],
  ];
  it('gives 0.0 where a denominator is 0 and leaves never-seen classes out of macro F1', () => {
    expect(classRatios(matrix, 2)).toEqual({
      sensitivity: 0,
      specificity: 1,
      ppv: 0,
      npv: 1,
      f1: 0,
      support: 0,
    });
    expect(macroF1FromConfusion(matrix)).toBeCloseTo((0.8 + 2 / 3) / 2, 12);
  });

  it.each([
    // sklearn cohen_kappa_score values
    [
      [
        [2, 1],
        [0, 3],
      ],
      'none',
      2 / 3,
    ],
    [
      [
        [5, 0, 0],
        [0, 5, 0],
        [0, 0, 5],
      ],
      'quadratic',
      1,
    ],
    [
      [
        [0, 0, 3],
        [0, 3, 0],
        [3, 0, 0],
      ],
      'quadratic',
      -1,
    ],
    [
      [
        [4, 0],
        [0, 0],
      ],
      'none',
      null,
    ],
  ] as const)('kappa of %j (%s) = %s', (m, weighting, expected) => {
    const kappa = cohenKappa(m as unknown as number[][], weighting);
    if (expected === null) expect(kappa).toBeNull();
    else expect(kappa).toBeCloseTo(expected, 12);
  });

  it('rejects out-of-range indices', () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(/\[0, 3\), got truth 3/);
  });
});

describe('calibration', () => {
  it('bins top-label confidence into (b/B, (b+1)/B] with exact edges', () => {
    const probabilities = [
      [0.3, 0.3, 0.2, 0.2], // confidence 0.3 exactly: bin 2 (0.2, 0.3], class 0 on the tie
      [0.7, 0.1, 0.1, 0.1], // 0.7 exactly (0.7 · 10 rounds above 7): bin 6
      [0.25, 0.25, 0.25, 0.25], // bin 2
      [0, 0, 0, 1], // 1: bin 9
    ].flat();
    const predicted = predictClasses('multiclass', probabilities, 4);
    expect(Array.from(predicted)).toEqual([0, 0, 0, 3]);
    const result = calibration(probabilities, [0, 1, 0, 3], predicted, 4);
    expect(result.bins.map((b) => b.count)).toEqual([0, 0, 2, 0, 0, 0, 1, 0, 0, 1]);
    expect(result.bins[2]).toEqual({
      lower: 0.2,
      upper: 0.3,
      count: 2,
      mean_confidence: 0.275,
      accuracy: 1,
    });
    expect(result.ece).toBeCloseTo((2 / 4) * (1 - 0.275) + (1 / 4) * 0.7, 12);
    expect(calibration([], [], [], 2).ece).toBeNull();
  });
});
