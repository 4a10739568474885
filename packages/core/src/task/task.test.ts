import { describe, expect, it } from 'vitest';
import { predictedClass } from './predicted-class';
import { probabilitiesFromLogits } from './probabilities';
import { logitCount } from './task-definition';

describe('predictedClass', () => {
  it.each<[string, 'binary' | 'multiclass', number[], object, number]>([
    ['binary below 0.5', 'binary', [0.51, 0.49], {}, 0],
    ['binary at exactly 0.5 (≥ threshold)', 'binary', [0.5, 0.5], {}, 1],
    ['binary above 0.5', 'binary', [0.2, 0.8], {}, 1],
    ['binary under a tuned threshold', 'binary', [0.3, 0.7], { threshold: 0.8 }, 0],
    ['binary at a tuned threshold', 'binary', [0.2, 0.8], { threshold: 0.8 }, 1],
    ['multiclass arg-max', 'multiclass', [0.2, 0.5, 0.3], {}, 1],
    ['multiclass tie: the first class', 'multiclass', [0.2, 0.4, 0.4], {}, 1],
    ['multiclass ignores the threshold', 'multiclass', [0.6, 0.4], { threshold: 0.1 }, 0],
    [
      'a row of a row-major array',
      'multiclass',
      [0.9, 0.1, 0, 0.1, 0.2, 0.7],
      { offset: 3, classCount: 3 },
      2,
    ],
    ['a binary row of a row-major array', 'binary', [0.9, 0.1, 0.4, 0.6], { offset: 2 }, 1],
  ])('%s', (_name, kind, probabilities, options, expected) => {
    expect(predictedClass(kind, probabilities, options)).toBe(expected);
  });
});

describe('probabilitiesFromLogits', () => {
  it.each<[string, 'binary' | 'multiclass', number[], number[]]>([
    ['binary 0', 'binary', [0], [0.5, 0.5]],
    ['binary large positive (no overflow)', 'binary', [800], [0, 1]],
    ['binary large negative (no overflow)', 'binary', [-800], [1, 0]],
    ['multiclass equal', 'multiclass', [1, 1, 1, 1], [0.25, 0.25, 0.25, 0.25]],
    ['multiclass large (no overflow)', 'multiclass', [1000, 1000], [0.5, 0.5]],
  ])('%s', (_name, kind, logits, expected) => {
    const probabilities = probabilitiesFromLogits(kind, logits);
    probabilities.forEach((p, i) => {
      expect(p).toBeCloseTo(expected[i]!, 12);
    });
  });

  it('is the sigmoid and the softmax', () => {
    const [, p] = probabilitiesFromLogits('binary', [1.3]);
    expect(p).toBeCloseTo(1 / (1 + Math.exp(-1.3)), 15);
    const softmax = probabilitiesFromLogits('multiclass', [1, 2, 3]);
    const total = Math.exp(1) + Math.exp(2) + Math.exp(3);
    [1, 2, 3].forEach((logit, i) => {
      expect(softmax[i]).toBeCloseTo(Math.exp(logit) / total, 15);
    });
  });
});

describe('logitCount', () => {
  it.each([
    ['binary', ['no', 'yes'], 1],
    ['multiclass', ['a', 'b', 'c'], 3],
  ] as const)('%s %j → %i', (kind, classes, expected) => {
    expect(logitCount({ kind, classes })).toBe(expected);
  });
});
