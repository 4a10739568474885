import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sortLikeLabelEncoder } from '../spec/sort-like-label-encoder';
import { classWeights, classWeightsByTask } from './class-weights';

// Made by fixtures/make_reference.py with Debian's python3-sklearn 1.2.
const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/sklearn-reference.json', import.meta.url), 'utf8'),
) as {
  class_weights: { counts: number[]; weights: number[] }[];
  label_encoder: { values: string[]; classes: string[] }[];
};

describe('classWeights', () => {
  it.each(reference.class_weights)(
    'inverse frequency equals sklearn compute_class_weight("balanced") for $counts',
    ({ counts, weights }) => {
      const ours = classWeights(counts);
      ours.forEach((weight, index) => {
        expect(weight).toBeCloseTo(weights[index]!, 12);
      });
    },
  );

  it.each([
    [[30, 10], 0.9, [0.8096329825606635, 1.1903670174393366]],
    [[100, 7, 1], 0.999, [0.027310009774792532, 0.372562597263591, 2.6001273929616167]],
    [[3, 0, 9], 0.5, [1.0656934306569343, 0, 0.9343065693430657]],
  ])('effective number (Cui et al.) for %j, beta %d', (counts, beta, expected) => {
    const ours = classWeights(counts, { method: 'effective-number', beta });
    ours.forEach((weight, index) => {
      expect(weight).toBeCloseTo(expected[index]!, 12);
    });
  });

  it('beta 0 gives equal weights to present classes', () => {
    expect(classWeights([3, 0, 9], { method: 'effective-number', beta: 0 })).toEqual([1, 0, 1]);
  });

  it('no labelled rows gives zero weights', () => {
    expect(classWeights([0, 0])).toEqual([0, 0]);
  });

  it.each([
    [[1, -1], {}, 'class counts must be non-negative integers, got -1'],
    [[1.5, 1], {}, 'class counts must be non-negative integers, got 1.5'],
    [[1, 1], { method: 'effective-number' as const, beta: 1 }, 'beta must be in [0, 1), got 1'],
  ])('rejects %j %j', (counts, options, message) => {
    expect(() => classWeights(counts, options)).toThrow(
      expect.objectContaining({ code: 'invalid-option', name: 'LabelError' }),
    );
    expect(() => classWeights(counts, options)).toThrow(message);
  });

  it('by task', () => {
    expect(
      classWeightsByTask({
        varus: { task: 'varus', classes: ['no', 'yes'], counts: [30, 10], missing: 2, total: 42 },
      }),
    ).toEqual({ varus: [40 / 60, 2] });
  });
});

describe('sortLikeLabelEncoder', () => {
  it.each(reference.label_encoder)(
    'equals sklearn LabelEncoder.classes_ for $values',
    ({ values, classes }) => {
      expect(sortLikeLabelEncoder(values)).toEqual(classes);
    },
  );
});
