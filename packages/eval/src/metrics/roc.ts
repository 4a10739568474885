import { rankClass, rankScores, weightedAuc } from './ranked-scores';

/** One point of a ROC curve: predicting positive when `score >= threshold`. */
export interface RocPoint {
  /** False positive rate, FP / N. */
  fpr: number;
  /** True positive rate (sensitivity), TP / P. */
  tpr: number;
  /** The decision threshold; `Infinity` for the (0, 0) start. */
  threshold: number;
  /** Positive rows with `score >= threshold` (TP). */
  truePositives: number;
  /** Negative rows with `score >= threshold` (FP). */
  falsePositives: number;
}

function positives(isPositive: ArrayLike<number | boolean>): Uint8Array {
  return Uint8Array.from({ length: isPositive.length }, (_, i) => (isPositive[i] ? 1 : 0));
}

/**
 * Area under the ROC curve, as scikit-learn's `roc_auc_score(y_true, y_score)` for binary
 * truth (tied scores count one half).
 * @param isPositive - truthy for positive rows.
 * @param scores - score of each row (higher = more positive).
 * @returns the AUC, or `null` when there are no positives or no negatives (undefined).
 * @example
 * ```ts
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * ```
 */
export function rocAuc(
  isPositive: ArrayLike<number | boolean>,
  scores: ArrayLike<number>,
): number | null {
  return weightedAuc(
    rankClass(
      scores,
      1,
      0,
      positives(isPositive).map((flag) => 1 - flag),
    ),
  );
}

/**
 * The ROC curve at every distinct score, from the strictest threshold down, as scikit-learn's
 * `roc_curve(y_true, y_score, drop_intermediate=False)` plus its (0, 0) start.
 * @returns points with non-decreasing `fpr` and `tpr`; empty when there are no positives or no
 * negatives.
 * @example
 * ```ts
 * rocCurve([0, 1], [0.2, 0.9]); // (0,0,∞), (0,1,0.9), (1,1,0.2)
 * ```
 */
export function rocCurve(
  isPositive: ArrayLike<number | boolean>,
  scores: ArrayLike<number>,
): RocPoint[] {
  const flags = positives(isPositive);
  const { order, groupEnd } = rankScores(scores);
  let totalPositives = 0;
  for (const flag of flags) totalPositives += flag;
  const totalNegatives = flags.length - totalPositives;
  if (totalPositives === 0 || totalNegatives === 0) return [];
  const points: RocPoint[] = [
    { fpr: 0, tpr: 0, threshold: Infinity, truePositives: 0, falsePositives: 0 },
  ];
  let tp = 0;
  let fp = 0;
  // Walk groups from the highest score down: the ascending order read from the end.
  let k = order.length - 1;
  while (k >= 0) {
    const row = order[k]!;
    let start = k;
    while (start > 0 && groupEnd[start - 1] === groupEnd[k]) start--;
    for (let j = start; j <= k; j++) {
      if (flags[order[j]!] === 1) tp++;
      else fp++;
    }
    points.push({
      fpr: fp / totalNegatives,
      tpr: tp / totalPositives,
      threshold: scores[row]!,
      truePositives: tp,
      falsePositives: fp,
    });
    k = start - 1;
  }
  return points;
}
