import { chooseOperatingPoint } from '../calibration/choose-operating-point';

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
 * The ROC operating points of a binary task's probabilities: at threshold 0.5 (the original
 * project's rule) and at the threshold that maximises Youden's J over scikit-learn's
 * `roc_curve` thresholds (the highest such threshold on ties) — the `youden` rule of
 * {@link chooseOperatingPoint}.
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
  let positives = 0;
  for (let i = 0; i < isPositive.length; i++) if (isPositive[i]) positives++;
  if (positives === 0 || positives === isPositive.length) return null;
  const point = (rule: Parameters<typeof chooseOperatingPoint>[2]): OperatingPoint => {
    const { threshold, sensitivity, specificity } = chooseOperatingPoint(isPositive, scores, rule);
    return { threshold, sensitivity, specificity, youden_j: sensitivity + specificity - 1 };
  };
  return {
    at_0_5: point({ kind: 'threshold', value: 0.5 }),
    youden: point({ kind: 'youden' }),
  };
}
