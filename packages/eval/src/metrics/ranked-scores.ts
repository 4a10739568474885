import { EvaluationError } from '../errors/evaluation-error';

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
 * @throws {@link EvaluationError} `invalid-input` when a score is NaN.
 * @example
 * ```ts
 * rankScores([0.3, 0.1, 0.3]).order; // Int32Array [1, 0, 2]
 * ```
 */
export function rankScores(scores: ArrayLike<number>, stride = 1, offset = 0): RankedScores {
  const n = Math.max(0, Math.floor((scores.length - offset + stride - 1) / stride));
  const values = new Float64Array(n);
  // `+ 0` turns -0 into 0, so that the typed-array sort (which orders -0 first) sees one value.
  for (let i = 0; i < n; i++) {
    values[i] = scores[offset + i * stride]! + 0;
    if (Number.isNaN(values[i])) {
      throw new EvaluationError({
        code: 'invalid-input',
        message: `scores must be numbers, got NaN at row ${i}`,
        value: 'NaN',
      });
    }
  }
  // A stable arg-sort without a comparator: sort the values natively, then place each row at the
  // first free slot of its value (binary search), rows of equal value in row order.
  const sorted = values.slice().sort();
  const taken = new Int32Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    order[lo + taken[lo]!++] = i;
  }
  const groupEnd = new Int32Array(n);
  let end = n;
  for (let k = n - 1; k >= 0; k--) {
    if (k < n - 1 && values[order[k]!]! !== values[order[k + 1]!]!) end = k + 1;
    groupEnd[k] = end;
  }
  return { order, groupEnd };
}

/**
 * One class's rows arranged for fast weighted AUCs (one-vs-rest): the negatives in ascending
 * score order, and for each positive how many negatives score strictly below it (`below`) and
 * at most as high (`belowOrTied`). The first `untied` positives tie with no negative
 * (`below = belowOrTied`), the others do; each group is in ascending score order.
 */
export interface RankedClass {
  /** How many of the positives (the first ones) tie with no negative. */
  readonly untied: number;
  /** Negative rows, ascending by score. */
  readonly negatives: Int32Array;
  /** Positive rows. */
  readonly positives: Int32Array;
  /** Per positive: the number of negatives with a lower score. */
  readonly below: Int32Array;
  /** Per positive: the number of negatives with a lower or equal score. */
  readonly belowOrTied: Int32Array;
}

/**
 * Ranks the scores of class `c` (column `c` of row-major `[N, K]` probabilities) against the
 * truth, once, for any number of weighted AUCs.
 * @example
 * ```ts
 * rankClass([0.2, 0.8, 0.7, 0.3], 2, 1, [0, 1]).below; // Int32Array [1]
 * ```
 */
export function rankClass(
  probabilities: ArrayLike<number>,
  classCount: number,
  c: number,
  truth: ArrayLike<number>,
): RankedClass {
  const { order, groupEnd } = rankScores(probabilities, classCount, c);
  const n = order.length;
  let negativeCount = 0;
  for (let i = 0; i < n; i++) if (truth[i] !== c) negativeCount++;
  const negatives = new Int32Array(negativeCount);
  const positives = new Int32Array(n - negativeCount);
  const below = new Int32Array(n - negativeCount);
  const belowOrTied = new Int32Array(n - negativeCount);
  let seenNegatives = 0;
  // Positives that tie with no negative fill the arrays from the front, the others from the back
  // (reversed afterwards), so the hot loop can read one prefix sum for most of them.
  let front = 0;
  let back = n - negativeCount;
  let k = 0;
  while (k < n) {
    const end = groupEnd[k]!;
    let groupNegatives = 0;
    for (let j = k; j < end; j++) if (truth[order[j]!] !== c) groupNegatives++;
    const base = seenNegatives;
    for (; k < end; k++) {
      const row = order[k]!;
      if (truth[row] !== c) {
        negatives[seenNegatives++] = row;
        continue;
      }
      const slot = groupNegatives === 0 ? front++ : --back;
      positives[slot] = row;
      below[slot] = base;
      belowOrTied[slot] = base + groupNegatives;
    }
  }
  positives.subarray(front).reverse();
  below.subarray(front).reverse();
  belowOrTied.subarray(front).reverse();
  return { untied: front, negatives, positives, below, belowOrTied };
}

/**
 * The area under the ROC curve of a ranked class with row weights (bootstrap multiplicities): the
 * probability that a positive outscores a negative, ties counting one half — the value of
 * scikit-learn's `roc_auc_score` (its trapezoids over tied thresholds give exactly that).
 * Costs one pass over the negatives (prefix sums of their weights) and one over the positives:
 * `Σ_pos w · (W(below) + W(belowOrTied)) / 2 / (P · N)` with `W(m)` the weight of the lowest `m`
 * negatives.
 * @param ranked - from {@link rankClass}.
 * @param weights - multiplicity of each row, by row index; omitted = 1 each.
 * @param scratch - optional reusable buffer of at least `negatives + 1` entries.
 * @returns the AUC, or `null` when the positives or the negatives weigh nothing.
 */
export function weightedAuc(
  ranked: RankedClass,
  weights?: ArrayLike<number>,
  scratch?: Float64Array,
): number | null {
  const { untied, negatives, positives, below, belowOrTied } = ranked;
  const m = negatives.length;
  const prefix = scratch !== undefined && scratch.length > m ? scratch : new Float64Array(m + 1);
  prefix[0] = 0;
  let negativeWeight = 0;
  let area = 0;
  let positiveWeight = 0;
  if (weights === undefined) {
    for (let j = 0; j < m; j++) prefix[j + 1] = j + 1;
    negativeWeight = m;
    for (let i = 0; i < positives.length; i++)
      area += prefix[below[i]!]! + prefix[belowOrTied[i]!]!;
    positiveWeight = positives.length;
  } else {
    for (let j = 0; j < m; j++) {
      negativeWeight += weights[negatives[j]!]!;
      prefix[j + 1] = negativeWeight;
    }
    // Untied positives: W(below) = W(belowOrTied), one read. Two accumulators halve the
    // floating-point dependency chain of this hot loop.
    let areaOdd = 0;
    let i = 0;
    for (; i + 1 < untied; i += 2) {
      const w0 = weights[positives[i]!]!;
      const w1 = weights[positives[i + 1]!]!;
      area += w0 * prefix[below[i]!]!;
      areaOdd += w1 * prefix[below[i + 1]!]!;
      positiveWeight += w0 + w1;
    }
    area = 2 * (area + areaOdd);
    for (; i < positives.length; i++) {
      const w = weights[positives[i]!]!;
      area += w * (prefix[below[i]!]! + prefix[belowOrTied[i]!]!);
      positiveWeight += w;
    }
  }
  if (positiveWeight === 0 || negativeWeight === 0) return null;
  return (0.5 * area) / (positiveWeight * negativeWeight);
}
