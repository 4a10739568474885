/** A confusion matrix, rows = truth, columns = predicted (counts; bootstrap weights allowed). */
export type ConfusionMatrix = readonly (readonly number[])[];

/** One-vs-rest ratios of one class (0.0 where a denominator is 0, as the original project). */
export interface ClassRatios {
  /** Recall, TP / (TP + FN). */
  sensitivity: number;
  /** TN / (TN + FP). */
  specificity: number;
  /** Precision, TP / (TP + FP). */
  ppv: number;
  /** TN / (TN + FN). */
  npv: number;
  /** 2·TP / (2·TP + FP + FN), as scikit-learn's `f1_score(average=None, zero_division=0)`. */
  f1: number;
  /** Rows whose true class is this one. */
  support: number;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function sums(matrix: ConfusionMatrix): { rows: number[]; cols: number[]; total: number } {
  const k = matrix.length;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  let total = 0;
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      const v = matrix[t]![p]!;
      rows[t]! += v;
      cols[p]! += v;
      total += v;
    }
  }
  return { rows, cols, total };
}

/**
 * One-vs-rest sensitivity, specificity, PPV, NPV, F1 and support of class `c`.
 * @example
 * ```ts
 * classRatios([[3, 1], [0, 4]], 1); // { sensitivity: 1, specificity: 0.75, ppv: 0.8, npv: 1, f1: 0.888…, support: 4 }
 * ```
 */
export function classRatios(matrix: ConfusionMatrix, c: number): ClassRatios {
  const { rows, cols, total } = sums(matrix);
  const tp = matrix[c]![c]!;
  const fn = rows[c]! - tp;
  const fp = cols[c]! - tp;
  const tn = total - tp - fn - fp;
  // F1 as scikit-learn computes it: 2·P·R / (P + R) from zero-division-0 precision and recall.
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    sensitivity: recall,
    specificity: ratio(tn, tn + fp),
    ppv: precision,
    npv: ratio(tn, tn + fn),
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    support: rows[c]!,
  };
}

/**
 * Accuracy, the fraction of rows on the diagonal (`accuracy_score`); `null` with no rows.
 * @example
 * ```ts
 * accuracyFromConfusion([[3, 1], [0, 4]]); // 0.875
 * ```
 */
export function accuracyFromConfusion(matrix: ConfusionMatrix): number | null {
  const { total } = sums(matrix);
  if (total === 0) return null;
  let diagonal = 0;
  for (let c = 0; c < matrix.length; c++) diagonal += matrix[c]![c]!;
  return diagonal / total;
}

/**
 * Balanced accuracy as scikit-learn's `balanced_accuracy_score`: the mean recall over the classes
 * present in the truth (a class only predicted, never true, is dropped, as scikit-learn does with
 * its warning); `null` with no rows.
 * @example
 * ```ts
 * balancedAccuracyFromConfusion([[3, 1], [0, 4]]); // 0.875
 * ```
 */
export function balancedAccuracyFromConfusion(matrix: ConfusionMatrix): number | null {
  const { rows } = sums(matrix);
  let sum = 0;
  let count = 0;
  for (let c = 0; c < matrix.length; c++) {
    if (rows[c]! === 0) continue;
    sum += matrix[c]![c]! / rows[c]!;
    count++;
  }
  return count === 0 ? null : sum / count;
}

/**
 * Macro F1 as scikit-learn's `f1_score(y_true, y_pred, average='macro', zero_division=0)`: the
 * mean F1 over the classes that occur in the truth or the predictions; `null` with no rows.
 * @example
 * ```ts
 * macroF1FromConfusion([[2, 0, 0], [1, 1, 0], [0, 0, 0]]); // (0.8 + 0.666…) / 2 — class 2 never occurs
 * ```
 */
export function macroF1FromConfusion(matrix: ConfusionMatrix): number | null {
  const { rows, cols } = sums(matrix);
  let sum = 0;
  let count = 0;
  for (let c = 0; c < matrix.length; c++) {
    if (rows[c]! === 0 && cols[c]! === 0) continue;
    sum += classRatios(matrix, c).f1;
    count++;
  }
  return count === 0 ? null : sum / count;
}
