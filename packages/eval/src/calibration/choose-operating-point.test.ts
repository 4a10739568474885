import { describe, expect, it } from 'vitest';
import { EvaluationError } from '../errors/evaluation-error';
import { chooseOperatingPoint } from './choose-operating-point';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (caught) {
    return caught;
  }
  return undefined;
}

describe('chooseOperatingPoint', () => {
  it('counts rows tied with the threshold as positive', () => {
    expect(
      chooseOperatingPoint([1, 0, 1, 0], [0.5, 0.5, 0.2, 0.1], { kind: 'threshold', value: 0.5 }),
    ).toEqual({ threshold: 0.5, sensitivity: 0.5, specificity: 0.5, n: 4 });
  });

  it('keeps tied scores on one side for every rule', () => {
    // Scores 0.6 are shared by a positive and a negative: no threshold splits them.
    const truth = [1, 1, 0, 0, 1, 0];
    const scores = [0.9, 0.6, 0.6, 0.3, 0.2, 0.1];
    for (const rule of [
      { kind: 'youden' },
      { kind: 'sensitivity', value: 0.5 },
      { kind: 'specificity', value: 0.6 },
    ] as const) {
      expect([0.9, 0.6, 0.3, 0.2, 0.1]).toContain(
        chooseOperatingPoint(truth, scores, rule).threshold,
      );
    }
  });

  it.each<[string, ArrayLike<number>, ArrayLike<number>, RegExp]>([
    [
      'no negatives',
      [1, 1],
      [0.2, 0.9],
      /needs positive and negative rows, got 2 positive and 0 negative/,
    ],
    ['no positives', [0, 0], [0.2, 0.9], /got 0 positive and 2 negative/],
    ['a length mismatch', [0, 1], [0.2], /scores must have one value per row \(2\), got 1/],
    [
      'a score outside [0, 1]',
      [0, 1],
      [0.2, 1.5],
      /scores must be probabilities in \[0, 1\], got 1.5 at row 1/,
    ],
  ])('rejects %s', (_, truth, scores, message) => {
    const error = thrown(() => chooseOperatingPoint(truth, scores, { kind: 'youden' }));
    expect(EvaluationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});
