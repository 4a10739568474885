/**
 * Confusion matrix with rows = true class and columns = predicted class (scikit-learn's layout).
 * Entries whose true label is negative (missing) are skipped.
 * @param truth - true class indices, `-1` for a missing label.
 * @param predicted - predicted class indices.
 * @param classCount - number of classes.
 */
export function confusionMatrix(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classCount: number,
): number[][] {
  if (truth.length !== predicted.length) {
    throw new RangeError(
      `truth and predicted must have the same length, got ${truth.length} and ${predicted.length}`,
    );
  }
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    if (t < 0) continue;
    matrix[t]![predicted[i]!]! += 1;
  }
  return matrix;
}
