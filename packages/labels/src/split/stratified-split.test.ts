import { describe, expect, it } from 'vitest';
import { countClasses } from '../stats/class-counts';
import { syntheticTable } from '../test-support';
import { iterativeStratification } from './iterative-stratification';
import { splitRandom } from './split-random';
import { stratifiedKFold, stratifiedSplit } from './stratified-split';

describe('splitRandom', () => {
  it.each([Number.NaN, 1.5, Number.POSITIVE_INFINITY])('rejects seed %d', (seed) => {
    expect(() => splitRandom(seed)).toThrow(expect.objectContaining({ code: 'invalid-option' }));
  });
});

describe('iterativeStratification', () => {
  it('gives every fold its share of each label (Sechidis et al. example sizes)', () => {
    // 3 labels; label 2 is rare (4 examples): it must be spread 2/2 over two equal folds.
    const sets = [[0], [0], [0, 1], [0, 1], [1], [1], [2], [2, 0], [2, 1], [2], [], []];
    const folds = iterativeStratification(sets, [1, 1], splitRandom(3));
    for (const label of [0, 1, 2]) {
      const perFold = [0, 1].map(
        (fold) => sets.filter((set, index) => set.includes(label) && folds[index] === fold).length,
      );
      const total = perFold[0]! + perFold[1]!;
      expect(Math.abs(perFold[0]! - total / 2)).toBeLessThanOrEqual(1);
    }
    expect(Array.from(folds).filter((fold) => fold === 0)).toHaveLength(6);
  });
});

describe('stratifiedSplit', () => {
  const table = syntheticTable(1000, 7);

  it('is a partition, deterministic for a seed, different for another seed', () => {
    const split = stratifiedSplit(table, { validationFraction: 0.2, seed: 1 });
    expect([...split.train, ...split.validation].sort((a, b) => a - b)).toEqual(
      table.rows.map((_row, index) => index),
    );
    expect(split.validation).toHaveLength(200);
    expect(split.train).toEqual([...split.train].sort((a, b) => a - b));
    expect(stratifiedSplit(table, { validationFraction: 0.2, seed: 1 })).toEqual(split);
    expect(stratifiedSplit(table, { validationFraction: 0.2, seed: 2 }).validation).not.toEqual(
      split.validation,
    );
  });

  it('keeps every class of every task within ±2 rows of its 20 % share', () => {
    const split = stratifiedSplit(table, { validationFraction: 0.2, seed: 1 });
    const all = countClasses(table);
    const validation = countClasses(table, split.validation);
    for (const task of table.spec.tasks) {
      all[task.name]!.counts.forEach((count, c) => {
        expect(Math.abs(validation[task.name]!.counts[c]! - 0.2 * count)).toBeLessThanOrEqual(2);
      });
    }
  });

  it('stratifying by one task is exact per class for that task', () => {
    const split = stratifiedSplit(table, {
      validationFraction: 0.25,
      seed: 9,
      tasks: ['articular'],
    });
    const all = countClasses(table).articular!.counts;
    const validation = countClasses(table, split.validation).articular!.counts;
    all.forEach((count, c) => {
      expect(Math.abs(validation[c]! - 0.25 * count)).toBeLessThanOrEqual(1);
    });
  });

  it.each([
    [{ validationFraction: 0, seed: 1 }, 'the validation fraction must be in (0, 1), got 0'],
    [{ validationFraction: 1.2, seed: 1 }, 'the validation fraction must be in (0, 1), got 1.2'],
    [{ validationFraction: 0.2, seed: 0.5 }, 'a seed must be an integer, got 0.5'],
    [{ validationFraction: 0.2, seed: 1, tasks: ['parts'] }, 'got "parts"'],
  ])('rejects %j', (options, message) => {
    expect(() => stratifiedSplit(table, options)).toThrow(
      expect.objectContaining({ code: 'invalid-option' }),
    );
    expect(() => stratifiedSplit(table, options)).toThrow(message);
  });
});

describe('stratifiedKFold', () => {
  const table = syntheticTable(500, 11);

  it('puts every row in exactly one validation fold, folds of equal size ± 1, classes within 3 rows of their share', () => {
    const folds = stratifiedKFold(table, { folds: 5, seed: 4 });
    expect(folds).toHaveLength(5);
    const seen = folds.flatMap((fold) => fold.validation).sort((a, b) => a - b);
    expect(seen).toEqual(table.rows.map((_row, index) => index));
    const all = countClasses(table);
    for (const fold of folds) {
      expect(Math.abs(fold.validation.length - 100)).toBeLessThanOrEqual(1);
      expect(fold.train.length + fold.validation.length).toBe(500);
      const counts = countClasses(table, fold.validation);
      for (const task of table.spec.tasks) {
        all[task.name]!.counts.forEach((count, c) => {
          expect(Math.abs(counts[task.name]!.counts[c]! - count / 5)).toBeLessThanOrEqual(3);
        });
      }
    }
    expect(stratifiedKFold(table, { folds: 5, seed: 4 })).toEqual(folds);
  });

  it.each([1, 2.5, 501])('rejects %d folds', (k) => {
    expect(() => stratifiedKFold(table, { folds: k, seed: 1 })).toThrow(
      `the number of folds must be an integer from 2 to the number of rows (500), got ${k}`,
    );
  });
});
