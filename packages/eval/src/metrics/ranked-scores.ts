/**
 * Rows sorted once by ascending score, with tie groups: what a (weighted) AUC sweep reads, so a
 * bootstrap can reuse one sort for every resample.
 */
export interface RankedScores {
  /** Row indices in ascending score order (stable). */
  readonly order: Int32Array;
  /** For each sorted position, the sorted position one past the end of its tie group. */
  readonly groupEnd: Int32Array;
}

/**
 * Sorts rows by score and marks runs of equal scores.
 * @param scores - one score per row.
 * @param stride - distance between consecutive rows' scores (`K` for column `offset` of a
 * row-major `[N, K]` array).
 * @param offset - index of row 0's score.
 * @example
 * ```ts
 * rankScores([0.3, 0.1, 0.3]).order; // Int32Array [1, 0, 2]
 * ```
 */
export function rankScores(scores: ArrayLike<number>, stride = 1, offset = 0): RankedScores {
  const n = Math.floor((scores.length - offset + stride - 1) / stride);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = scores[offset + i * stride]!;
  const indices = Array.from({ length: n }, (_, i) => i);
  indices.sort((a, b) => values[a]! - values[b]! || a - b);
  const order = Int32Array.from(indices);
  const groupEnd = new Int32Array(n);
  let end = n;
  for (let k = n - 1; k >= 0; k--) {
    if (k < n - 1 && values[order[k]!]! !== values[order[k + 1]!]!) end = k + 1;
    groupEnd[k] = end;
  }
  return { order, groupEnd };
}

/**
 * The area under the ROC curve from ranked scores, with row weights (bootstrap multiplicities):
 * the probability that a positive outscores a negative, ties counting one half — the value of
 * scikit-learn's `roc_auc_score` (its trapezoids over tied thresholds give exactly that).
 * @param ranked - from {@link rankScores}.
 * @param isPositive - 1 for a positive row, 0 for a negative one, by row index.
 * @param weights - multiplicity of each row; omitted = 1 each.
 * @returns the AUC, or `null` when the positives or the negatives weigh nothing.
 */
export function weightedAuc(
  ranked: RankedScores,
  isPositive: Uint8Array,
  weights?: ArrayLike<number>,
): number | null {
  const { order, groupEnd } = ranked;
  const n = order.length;
  let negativesBelow = 0;
  let positivesTotal = 0;
  let area = 0;
  let k = 0;
  while (k < n) {
    const end = groupEnd[k]!;
    let positives = 0;
    let negatives = 0;
    for (; k < end; k++) {
      const row = order[k]!;
      const w = weights === undefined ? 1 : weights[row]!;
      if (isPositive[row] === 1) positives += w;
      else negatives += w;
    }
    area += positives * (negativesBelow + 0.5 * negatives);
    negativesBelow += negatives;
    positivesTotal += positives;
  }
  if (positivesTotal === 0 || negativesBelow === 0) return null;
  return area / (positivesTotal * negativesBelow);
}
