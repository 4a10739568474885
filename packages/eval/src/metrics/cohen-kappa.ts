import type { ConfusionMatrix } from './confusion-metrics';

/**
 * Cohen's kappa from a confusion matrix over all `K` classes, as scikit-learn's
 * `cohen_kappa_score(y_true, y_pred, labels=range(K), weights=…)`: `1 − Σ w·O / Σ w·E` with
 * `E` the outer product of the marginals over the total. Quadratic weights are
 * `(i − j)²` on the class positions (the task's class order).
 * @param weighting - `'none'` (unweighted) or `'quadratic'` (ordinal tasks).
 * @returns kappa, or `null` when it is undefined (no rows, or Σ w·E = 0: truth and predictions
 * are all one and the same class).
 * @example
 * ```ts
 * cohenKappa([[2, 1], [0, 3]], 'none'); // 0.6666…
 * ```
 */
export function cohenKappa(
  matrix: ConfusionMatrix,
  weighting: 'none' | 'quadratic' = 'none',
): number | null {
  const k = matrix.length;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  let total = 0;
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      rows[t]! += matrix[t]![p]!;
      cols[p]! += matrix[t]![p]!;
      total += matrix[t]![p]!;
    }
  }
  if (total === 0) return null;
  let observed = 0;
  let expected = 0;
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      const w = weighting === 'quadratic' ? (t - p) ** 2 : t === p ? 0 : 1;
      observed += w * matrix[t]![p]!;
      expected += (w * rows[t]! * cols[p]!) / total;
    }
  }
  if (expected === 0) return null;
  return 1 - observed / expected;
}
