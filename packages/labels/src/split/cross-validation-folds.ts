import { quoteValue } from '@ct-fracture/core';
import { LabelError } from '../errors/label-error';
import { balanceFolds } from './balance-folds';
import { iterativeStratification } from './iterative-stratification';
import { labelSetsWithNames, type SplitTable } from './label-sets';
import { splitRandom } from './split-random';
import type { RowSplit, StratifyOptions } from './stratified-split';

/** One fold of a (repeated) k-fold cross-validation. */
export interface CrossValidationFold extends RowSplit {
  /** The repetition, 0-based (0 unless `repeats` > 1). */
  readonly repeat: number;
  /** The fold within its repetition, 0-based: `validation` is that fold's rows. */
  readonly fold: number;
}

/** Options of {@link crossValidationFolds}. */
export interface CrossValidationOptions extends StratifyOptions {
  /** The number of folds k: an integer from 2 to the smallest class's row count. */
  readonly folds: number;
  /** How many times to repeat the k folds (default 1); repetition r splits with seed `seed + r`. */
  readonly repeats?: number;
}

function invalid(value: number, message: string, task?: string): LabelError {
  return new LabelError({ code: 'invalid-option', value: String(value), task, message });
}

/**
 * The smallest non-empty class over the stratified tasks: k folds need at least k rows of a
 * class for it to be in every validation fold. Classes no row has are not counted.
 */
function smallestClass(sets: readonly (readonly number[])[], labelCount: number) {
  const counts = new Array<number>(labelCount).fill(0);
  for (const set of sets) for (const label of set) counts[label]! += 1;
  let smallest = -1;
  counts.forEach((count, label) => {
    if (count > 0 && (smallest < 0 || count < counts[smallest]!)) smallest = label;
  });
  return smallest < 0 ? null : { label: smallest, count: counts[smallest]! };
}

/**
 * Seeded, stratified (repeated) k-fold cross-validation over patients: each row of a label
 * table is one patient (a CSV has one row per patient id), so the folds are patient-disjoint.
 * Rows go to folds by multi-label iterative stratification over every (task, class) pair
 * ({@link stratifiedKFold}), then {@link balanceFolds} swaps rows between folds until every
 * class's count in every fold is as close to its share as swaps can bring it (within one row on
 * the phantom datasets and skewed synthetic tables, tests). Fold sizes are within one row.
 *
 * @param table - the spec and rows (a `LabelTable`, or rows from several).
 * @param options.folds - k, from 2 to the row count of the smallest class (a class with fewer
 * rows than k cannot be in every validation fold).
 * @param options.repeats - repetitions (default 1), each with its own seed (`seed + r`).
 * @param options.seed - the seed of every random choice (same seed → same folds).
 * @returns `repeats · k` folds, repetition-major; fold i validates on its rows and trains on the
 * others of its repetition. Row indices ascending.
 * @throws LabelError `invalid-option` for a bad k (naming the smallest class), repeat count,
 * seed or task.
 * @example
 * const folds = crossValidationFolds(table, { folds: 5, seed: 1 });
 * folds[0].validation; // row indices of fold 0
 */
export function crossValidationFolds(
  table: SplitTable,
  options: CrossValidationOptions,
): CrossValidationFold[] {
  const k = options.folds;
  const repeats = options.repeats ?? 1;
  const rows = table.rows.length;
  if (!Number.isInteger(k) || k < 2 || k > rows) {
    throw invalid(
      k,
      `the number of folds must be an integer from 2 to the number of patients (${rows}), got ${k}`,
    );
  }
  if (!Number.isInteger(repeats) || repeats < 1) {
    throw invalid(repeats, `the number of repeats must be a positive integer, got ${repeats}`);
  }
  const { sets, labels } = labelSetsWithNames(table, options.tasks);
  const smallest = smallestClass(sets, labels.length);
  if (smallest !== null && smallest.count < k) {
    const { task, className } = labels[smallest.label]!;
    throw invalid(
      k,
      `the number of folds must be at most the patient count of the smallest class (${smallest.count}: ${task} = ${quoteValue(className)}), so that every class is in every validation fold, got ${k}`,
      task,
    );
  }
  splitRandom(options.seed); // checks the seed
  const result: CrossValidationFold[] = [];
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const assignment = iterativeStratification(
      sets,
      new Array<number>(k).fill(1),
      splitRandom(options.seed + repeat),
    );
    balanceFolds(sets, assignment, k);
    for (let fold = 0; fold < k; fold += 1) {
      const train: number[] = [];
      const validation: number[] = [];
      assignment.forEach((assigned, index) => {
        (assigned === fold ? validation : train).push(index);
      });
      result.push({ repeat, fold, train, validation });
    }
  }
  return result;
}
