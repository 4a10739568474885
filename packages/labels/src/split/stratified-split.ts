import { LabelError } from '../errors/label-error';
import { iterativeStratification } from './iterative-stratification';
import { labelSets, type SplitTable } from './label-sets';
import { splitRandom } from './split-random';

/** Row indices of a training part and a validation part. */
export interface RowSplit {
  /** Row indices into `table.rows`, ascending. */
  readonly train: number[];
  /** Row indices into `table.rows`, ascending. */
  readonly validation: number[];
}

/** Which tasks to stratify over, and the seed. */
export interface StratifyOptions {
  /** The seed of every random choice (same seed → same split). */
  readonly seed: number;
  /**
   * The tasks to stratify over (default: all tasks of the spec). One task gives
   * plain per-class stratification; several give multi-label iterative
   * stratification over every (task, class) pair.
   */
  readonly tasks?: readonly string[];
}

function invalid(value: number, message: string): LabelError {
  return new LabelError({ code: 'invalid-option', value: String(value), message });
}

/**
 * A seeded, stratified train/validation split of a label table by multi-label
 * iterative stratification (Sechidis et al. 2011) over all tasks' classes (or
 * the chosen `tasks`); missing labels simply do not count for that task.
 *
 * @param table - the spec and rows (a `LabelTable`).
 * @param options.validationFraction - the validation share in (0, 1), e.g. 0.2.
 * @throws LabelError `invalid-option` for a fraction outside (0, 1), a bad seed or an unknown task.
 * @example
 * const { train, validation } = stratifiedSplit(table, { validationFraction: 0.2, seed: 7 });
 */
export function stratifiedSplit(
  table: SplitTable,
  options: StratifyOptions & { readonly validationFraction: number },
): RowSplit {
  const fraction = options.validationFraction;
  if (!(fraction > 0 && fraction < 1)) {
    throw invalid(fraction, `the validation fraction must be in (0, 1), got ${fraction}`);
  }
  const folds = iterativeStratification(
    labelSets(table, options.tasks),
    [1 - fraction, fraction],
    splitRandom(options.seed),
  );
  const split: RowSplit = { train: [], validation: [] };
  folds.forEach((fold, index) => {
    (fold === 1 ? split.validation : split.train).push(index);
  });
  return split;
}

/**
 * Seeded, stratified k-fold cross-validation (iterative stratification as in
 * {@link stratifiedSplit}): every row is in exactly one validation fold.
 *
 * @param options.folds - the number of folds k, an integer from 2 to the number of rows.
 * @returns k splits; split i validates on fold i and trains on the rest.
 * @throws LabelError `invalid-option` for a bad k, seed or task.
 * @example
 * for (const { train, validation } of stratifiedKFold(table, { folds: 5, seed: 1 })) { … }
 */
export function stratifiedKFold(
  table: SplitTable,
  options: StratifyOptions & { readonly folds: number },
): RowSplit[] {
  const k = options.folds;
  if (!Number.isInteger(k) || k < 2 || k > table.rows.length) {
    throw invalid(
      k,
      `the number of folds must be an integer from 2 to the number of rows (${table.rows.length}), got ${k}`,
    );
  }
  const assignment = iterativeStratification(
    labelSets(table, options.tasks),
    new Array<number>(k).fill(1),
    splitRandom(options.seed),
  );
  return Array.from({ length: k }, (_unused, fold) => {
    const split: RowSplit = { train: [], validation: [] };
    assignment.forEach((assigned, index) => {
      (assigned === fold ? split.validation : split.train).push(index);
    });
    return split;
  });
}
