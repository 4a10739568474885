import { EvaluationError } from '../errors/evaluation-error';

/**
 * Confusion matrix with rows = true class and columns = predicted class (scikit-learn's layout,
 * `confusion_matrix(y_true, y_pred, labels=range(K))`). Rows whose true label is negative
 * (missing) are skipped.
 * @param truth - true class indices, `-1` for a missing label.
 * @param predicted - predicted class indices.
 * @param classCount - `K`, the number of classes.
 * @returns `K × K` counts.
 * @throws {@link EvaluationError} `invalid-input` when the lengths differ or an index is out of range.
 * @example
 * ```ts
 * confusionMatrix([0, 1, 1], [0, 1, 0], 2); // [[1, 0], [1, 1]]
 * ```
 */
export function confusionMatrix(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classCount: number,
): number[][] {
  if (truth.length !== predicted.length) {
    throw new EvaluationError({
      code: 'invalid-input',
      message: `truth and predicted must have the same length, got ${truth.length} and ${predicted.length}`,
    });
  }
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    if (t < 0) continue;
    const p = predicted[i]!;
    if (t >= classCount || p < 0 || p >= classCount) {
      throw new EvaluationError({
        code: 'invalid-input',
        message: `class indices must be in [0, ${classCount}), got truth ${t} and prediction ${p} at row ${i}`,
      });
    }
    matrix[t]![p]! += 1;
  }
  return matrix;
}
