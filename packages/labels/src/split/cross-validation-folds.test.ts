import { describe, expect, it } from 'vitest';
import type { LabelRow } from '../csv/label-table';
import { DEFAULT_LABEL_SPEC } from '../spec/default-label-spec';
import { countClasses } from '../stats/class-counts';
import { syntheticTable } from '../test-support';
import { type CrossValidationFold, crossValidationFolds } from './cross-validation-folds';

type Table = ReturnType<typeof syntheticTable>;

/** The largest distance of a class count in a fold from its ideal `total · |fold| / n`. */
function worstClassDistance(table: Table, folds: readonly CrossValidationFold[]): number {
  const all = countClasses(table);
  let worst = 0;
  for (const fold of folds) {
    const counts = countClasses(table, fold.validation);
    const share = fold.validation.length / table.rows.length;
    for (const task of table.spec.tasks) {
      all[task.name]!.counts.forEach((total, c) => {
        worst = Math.max(worst, Math.abs(counts[task.name]!.counts[c]! - total * share));
      });
    }
  }
  return worst;
}

describe('crossValidationFolds', () => {
  it.each([
    { rows: 60, folds: 2, seed: 1 },
    { rows: 100, folds: 5, seed: 2 },
    { rows: 200, folds: 3, seed: 3 },
    { rows: 200, folds: 5, seed: 4 },
    { rows: 300, folds: 10, seed: 5 },
  ])(
    '$rows rows, $folds folds: a patient partition, every class within one row of its share',
    ({ rows, folds, seed }) => {
      const table = syntheticTable(rows, seed);
      const result = crossValidationFolds(table, { folds, seed });
      expect(result.map((fold) => [fold.repeat, fold.fold])).toEqual(
        Array.from({ length: folds }, (_unused, i) => [0, i]),
      );
      const validated = result.flatMap((fold) => fold.validation).sort((a, b) => a - b);
      expect(validated).toEqual(table.rows.map((_row, index) => index));
      for (const fold of result) {
        expect(fold.train.filter((row) => fold.validation.includes(row))).toEqual([]);
        expect(fold.train.length + fold.validation.length).toBe(rows);
        expect(Math.abs(fold.validation.length - rows / folds)).toBeLessThan(1);
      }
      expect(worstClassDistance(table, result)).toBeLessThanOrEqual(1);
    },
  );

  it('is deterministic for a seed; repetitions differ and are each a partition', () => {
    const table = syntheticTable(120, 9);
    const once = crossValidationFolds(table, { folds: 4, seed: 7, repeats: 3 });
    expect(crossValidationFolds(table, { folds: 4, seed: 7, repeats: 3 })).toEqual(once);
    expect(once).toHaveLength(12);
    for (const repeat of [0, 1, 2]) {
      const folds = once.filter((fold) => fold.repeat === repeat);
      expect(folds.flatMap((fold) => fold.validation).sort((a, b) => a - b)).toEqual(
        table.rows.map((_row, index) => index),
      );
      expect(worstClassDistance(table, folds)).toBeLessThanOrEqual(1);
    }
    expect(once[4]!.validation).not.toEqual(once[0]!.validation);
    // Repetition r is the single run with seed + r.
    expect(
      crossValidationFolds(table, { folds: 4, seed: 8 }).map((fold) => fold.validation),
    ).toEqual(once.slice(4, 8).map((fold) => fold.validation));
  });

  it('names the smallest class when k exceeds its patient count', () => {
    const rows: LabelRow[] = Array.from({ length: 20 }, (_unused, index) => ({
      patientId: `P${index}`,
      key: `p${index}`,
      line: index + 2,
      labels: {
        fracture_parts: index % 3,
        dislocation: index % 2,
        gt_displacement: index % 2,
        shaft_translation: index % 3,
        varus: index < 3 ? 1 : 0,
        articular: index % 3,
      },
    }));
    const table = { spec: DEFAULT_LABEL_SPEC, rows };
    expect(crossValidationFolds(table, { folds: 3, seed: 1 })).toHaveLength(3);
    expect(() => crossValidationFolds(table, { folds: 4, seed: 1 })).toThrow(
      'the number of folds must be at most the patient count of the smallest class (3: varus = "yes"), so that every class is in every validation fold, got 4',
    );
  });

  it.each([
    { folds: 1, repeats: 1, message: 'from 2 to the number of patients (10), got 1' },
    { folds: 11, repeats: 1, message: 'from 2 to the number of patients (10), got 11' },
    { folds: 2.5, repeats: 1, message: 'got 2.5' },
    { folds: 2, repeats: 0, message: 'the number of repeats must be a positive integer, got 0' },
  ])('rejects folds $folds, repeats $repeats', ({ folds, repeats, message }) => {
    const table = syntheticTable(10, 1);
    expect(() => crossValidationFolds(table, { folds, repeats, seed: 1 })).toThrow(message);
  });

  it('rejects a task the specification lacks', () => {
    expect(() =>
      crossValidationFolds(syntheticTable(10, 1), { folds: 2, seed: 1, tasks: ['nope'] }),
    ).toThrow(expect.objectContaining({ code: 'invalid-option', task: 'nope' }));
  });
});
