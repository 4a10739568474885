import { rocCurve } from './roc';

/** Sensitivity and specificity when predicting positive for `p(positive) >= threshold`. */
export interface OperatingPoint {
  threshold: number;
  sensitivity: number;
  specificity: number;
  /** Youden's J = sensitivity + specificity − 1. */
  youden_j: number;
}

/** A binary task's operating points: the fixed 0.5 threshold and the one maximising Youden's J. */
export interface OperatingPoints {
  at_0_5: OperatingPoint;
  youden: OperatingPoint;
}

/**
 * The ROC operating points of a binary task: at threshold 0.5 (the prediction rule) and at the
 * threshold that maximises Youden's J over scikit-learn's `roc_curve` thresholds (the highest
 * such threshold on ties).
 * @param isPositive - truthy for positive rows.
 * @param scores - positive-class probability per row.
 * @returns the two points, or `null` when there are no positives or no negatives.
 * @example
 * ```ts
 * operatingPoints([0, 0, 1, 1], [0.1, 0.6, 0.4, 0.9])!.youden.threshold; // 0.9
 * ```
 */
export function operatingPoints(
  isPositive: ArrayLike<number | boolean>,
  scores: ArrayLike<number>,
): OperatingPoints | null {
  const curve = rocCurve(isPositive, scores);
  if (curve.length === 0) return null;
  let best = curve[1]!;
  for (let i = 2; i < curve.length; i++) {
    const point = curve[i]!;
    if (point.tpr - point.fpr > best.tpr - best.fpr) best = point;
  }
  let positives = 0;
  let truePositives = 0;
  let negatives = 0;
  let trueNegatives = 0;
  for (let i = 0; i < scores.length; i++) {
    const predictedPositive = scores[i]! >= 0.5;
    if (isPositive[i]) {
      positives++;
      if (predictedPositive) truePositives++;
    } else {
      negatives++;
      if (!predictedPositive) trueNegatives++;
    }
  }
  const sensitivity = truePositives / positives;
  const specificity = trueNegatives / negatives;
  return {
    at_0_5: { threshold: 0.5, sensitivity, specificity, youden_j: sensitivity + specificity - 1 },
    youden: {
      threshold: best.threshold,
      sensitivity: best.tpr,
      specificity: 1 - best.fpr,
      youden_j: best.tpr - best.fpr,
    },
  };
}
