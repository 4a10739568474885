import { LabelError } from '../errors/label-error';
import type { TaskClassCounts } from './class-counts';

/** How class weights are computed from class counts. */
export type ClassWeightMethod = 'inverse-frequency' | 'effective-number';

/** Options of {@link classWeights}. */
export interface ClassWeightOptions {
  /** Default `'inverse-frequency'`. */
  readonly method?: ClassWeightMethod;
  /** The effective-number β in [0, 1) (default 0.999; 0 gives equal weights). */
  readonly beta?: number;
}

/**
 * Per-class loss weights from class counts.
 *
 * - `inverse-frequency`: `n / (k · n_c)` with `n` the labelled rows and `k` the
 *   classes present — scikit-learn's `compute_class_weight('balanced')`.
 * - `effective-number` (Cui et al., CVPR 2019): `(1 − β) / (1 − β^n_c)`, scaled
 *   so the weights of the present classes sum to `k`.
 *
 * A class with no rows gets weight 0 (it never contributes to a loss).
 *
 * @param counts - rows per class.
 * @returns one weight per class.
 * @throws LabelError `invalid-option` for a negative or fractional count or β outside [0, 1).
 * @example
 * classWeights([30, 10]); // [0.666…, 2]
 * classWeights([30, 10], { method: 'effective-number', beta: 0.9 });
 */
export function classWeights(
  counts: readonly number[],
  options: ClassWeightOptions = {},
): number[] {
  const method = options.method ?? 'inverse-frequency';
  const beta = options.beta ?? 0.999;
  for (const count of counts) {
    if (!Number.isInteger(count) || count < 0) {
      throw new LabelError({
        code: 'invalid-option',
        value: String(count),
        message: `class counts must be non-negative integers, got ${count}`,
      });
    }
  }
  if (!(beta >= 0 && beta < 1)) {
    throw new LabelError({
      code: 'invalid-option',
      value: String(beta),
      message: `the effective-number beta must be in [0, 1), got ${beta}`,
    });
  }
  const present = counts.filter((count) => count > 0).length;
  if (present === 0) return counts.map(() => 0);
  if (method === 'inverse-frequency') {
    const total = counts.reduce((sum, count) => sum + count, 0);
    return counts.map((count) => (count > 0 ? total / (present * count) : 0));
  }
  const raw = counts.map((count) => (count > 0 ? (1 - beta) / (1 - beta ** count) : 0));
  const sum = raw.reduce((total, weight) => total + weight, 0);
  return raw.map((weight) => (weight * present) / sum);
}

/**
 * {@link classWeights} for every task of `countClasses`'s result.
 * @example
 * classWeightsByTask(countClasses(table)).varus; // [w_no, w_yes]
 */
export function classWeightsByTask(
  counts: Readonly<Record<string, TaskClassCounts>>,
  options: ClassWeightOptions = {},
): Record<string, number[]> {
  const result: Record<string, number[]> = {};
  for (const [task, taskCounts] of Object.entries(counts)) {
    result[task] = classWeights(taskCounts.counts, options);
  }
  return result;
}
