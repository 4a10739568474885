import { formatOperatingPointRule, type OperatingPointRule } from '@ct-fracture/densenet3d';
import { EvaluationError } from '../errors/evaluation-error';
import { type RocPoint, rocCurve } from '../metrics/roc';

/** A binary task's threshold and what it gives on the rows it was chosen on. */
export interface ChosenOperatingPoint {
  /** Positive when `p(positive) >= threshold`. */
  threshold: number;
  /** TP / P. */
  sensitivity: number;
  /** TN / N. */
  specificity: number;
  /** Rows (positives + negatives). */
  n: number;
}

function invalid(message: string, value?: unknown): EvaluationError {
  return new EvaluationError({
    code: 'invalid-input',
    message,
    ...(value === undefined ? {} : { value: String(value) }),
  });
}

/**
 * Chooses a binary task's decision threshold by a rule, among the thresholds of scikit-learn's
 * `roc_curve(y, scores, drop_intermediate=False)` — every distinct score, so tied scores always
 * fall on the same side; a row is positive when `score >= threshold` — leaving out its
 * artificial first threshold (nothing positive):
 * - `youden`: maximal sensitivity + specificity − 1 (compared exactly, as `TP·N − FP·P`); on
 *   ties the highest threshold;
 * - `sensitivity:X`: among thresholds with sensitivity ≥ X the highest specificity; on ties the
 *   highest sensitivity (the lowest such threshold);
 * - `specificity:X`: among thresholds with specificity ≥ X the highest sensitivity; on ties the
 *   highest specificity (the highest such threshold);
 * - `threshold:X`: X itself.
 * Sensitivity is `TP / P` and specificity `(N − FP) / N`, computed as written (so `>= X` compares
 * the same doubles as the NumPy reference, fixtures/calibration-reference.json).
 * @param isPositive - truthy for positive rows (labelled rows only).
 * @param scores - positive-class probability per row.
 * @param rule - a parsed rule (`parseOperatingPointRule` of `@ct-fracture/densenet3d`).
 * @throws {@link EvaluationError} `invalid-input` when the rows lack positives or negatives,
 * the arrays differ in length, or no threshold reaches a required specificity (the highest
 * score is shared by too many negatives).
 * @example
 * ```ts
 * chooseOperatingPoint([0, 0, 1, 1, 1], [0.1, 0.6, 0.4, 0.7, 0.9], { kind: 'sensitivity', value: 1 });
 * // { threshold: 0.4, sensitivity: 1, specificity: 0.5, n: 5 }
 * ```
 */
export function chooseOperatingPoint(
  isPositive: ArrayLike<number | boolean>,
  scores: ArrayLike<number>,
  rule: OperatingPointRule,
): ChosenOperatingPoint {
  if (isPositive.length !== scores.length) {
    throw invalid(
      `scores must have one value per row (${isPositive.length}), got ${scores.length}`,
    );
  }
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const score = scores[i]!;
    if (!(score >= 0 && score <= 1)) {
      throw invalid(`scores must be probabilities in [0, 1], got ${score} at row ${i}`, score);
    }
    if (isPositive[i]) positives++;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw invalid(
      `an operating point needs positive and negative rows, got ${positives} positive and ${negatives} negative`,
    );
  }
  const sensitivity = (tp: number) => tp / positives;
  const specificity = (fp: number) => (negatives - fp) / negatives;
  const at = (point: RocPoint): ChosenOperatingPoint => ({
    threshold: point.threshold,
    sensitivity: sensitivity(point.truePositives),
    specificity: specificity(point.falsePositives),
    n,
  });
  if (rule.kind === 'threshold') {
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < n; i++) {
      if (scores[i]! < rule.value) continue;
      if (isPositive[i]) tp++;
      else fp++;
    }
    return {
      threshold: rule.value,
      sensitivity: sensitivity(tp),
      specificity: specificity(fp),
      n,
    };
  }
  const points = rocCurve(isPositive, scores).slice(1); // drop the (0, 0) start at ∞
  if (rule.kind === 'youden') {
    const j = (p: RocPoint) => p.truePositives * negatives - p.falsePositives * positives;
    let best = points[0]!;
    for (const point of points) if (j(point) > j(best)) best = point;
    return at(best);
  }
  if (rule.kind === 'sensitivity') {
    let index = points.findIndex((p) => sensitivity(p.truePositives) >= rule.value);
    const fp = points[index]!.falsePositives;
    while (index + 1 < points.length && points[index + 1]!.falsePositives === fp) index++;
    return at(points[index]!);
  }
  let index = -1;
  while (
    index + 1 < points.length &&
    specificity(points[index + 1]!.falsePositives) >= rule.value
  ) {
    index++;
  }
  if (index < 0) {
    throw invalid(
      `no threshold reaches ${formatOperatingPointRule(rule)}: the highest score (${points[0]!.threshold}) is shared by ${points[0]!.falsePositives} of ${negatives} negative rows`,
      formatOperatingPointRule(rule),
    );
  }
  const tp = points[index]!.truePositives;
  while (index > 0 && points[index - 1]!.truePositives === tp) index--;
  return at(points[index]!);
}
