import { describe, expect, it } from 'vitest';
import { EvaluationError } from '../errors/evaluation-error';
import { fitTemperature, type TemperatureFitInput } from './temperature-scaling';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (caught) {
    return caught;
  }
  return undefined;
}

describe('fitTemperature', () => {
  it('fits a binary head (one logit) as the two-class softmax of [0, z]', () => {
    const logits = [1.2, -0.4, 2.5, 0.3, -1.7, 0.9, -0.2, 1.1];
    const truth = [1, 0, 1, 0, 0, 1, 1, 0];
    const binary = fitTemperature({ kind: 'binary', logits, truth, classCount: 2 });
    const multi = fitTemperature({
      kind: 'multiclass',
      logits: logits.flatMap((z) => [0, z]),
      truth,
      classCount: 2,
    });
    expect(binary.temperature).toBeCloseTo(multi.temperature, 12);
    expect(binary.nllAfter).toBeCloseTo(multi.nllAfter, 12);
  });

  it('leaves out rows with a missing label', () => {
    const all = fitTemperature({
      kind: 'binary',
      logits: [1.2, -0.4, 2.5, 0.3, -1.7, 9],
      truth: [1, 0, 1, 1, 0, -1],
      classCount: 2,
    });
    const labelled = fitTemperature({
      kind: 'binary',
      logits: [1.2, -0.4, 2.5, 0.3, -1.7],
      truth: [1, 0, 1, 1, 0],
      classCount: 2,
    });
    expect(all).toEqual(labelled);
    expect(all.n).toBe(5);
  });

  it('recovers the temperature that generated the labels', () => {
    // Labels drawn from sigmoid(z / 0.5) with a fixed generator: the fit lands near 0.5.
    let state = 12345;
    const uniform = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const logits: number[] = [];
    const truth: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const z = (uniform() - 0.5) * 4;
      logits.push(z);
      truth.push(uniform() < 1 / (1 + Math.exp(-z / 0.5)) ? 1 : 0);
    }
    const fit = fitTemperature({ kind: 'binary', logits, truth, classCount: 2 });
    expect(fit.temperature).toBeGreaterThan(0.45);
    expect(fit.temperature).toBeLessThan(0.55);
    expect(fit.bound).toBeNull();
  });

  it.each<[string, Partial<TemperatureFitInput>, RegExp]>([
    ['no labelled row', { truth: [-1, -1] }, /needs at least one labelled row, got none/],
    ['a length mismatch', { logits: [1, 2, 3] }, /logits must hold 2 rows × 1 = 2 values, got 3/],
    [
      'a bad truth index',
      { truth: [0, 2] },
      /truth must be a class index in \[-1, 2\), got 2 at row 1/,
    ],
    [
      'a non-finite logit',
      { logits: [1, Number.NaN] },
      /logits must be finite numbers, got NaN at row 1/,
    ],
    ['a binary task with 3 classes', { classCount: 3 }, /a binary task has 2 classes, got 3/],
  ])('rejects %s', (_, change, message) => {
    const error = thrown(() =>
      fitTemperature({ kind: 'binary', logits: [1, -1], truth: [1, 0], classCount: 2, ...change }),
    );
    expect(EvaluationError.isInstance(error)).toBe(true);
    expect((error as EvaluationError).code).toBe('invalid-input');
    expect((error as Error).message).toMatch(message);
  });
});
