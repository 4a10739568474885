/**
 * The predicted class of each row from its probabilities: binary tasks predict the positive
 * class (index 1) when `p(positive) >= threshold` (default 0.5, the original project's rule);
 * multiclass tasks take the arg-max, the first class on ties (NumPy's `argmax`).
 * @param kind - the task kind.
 * @param probabilities - row-major `[N, K]` probabilities.
 * @param classCount - `K`.
 * @param threshold - binary decision threshold on the positive-class probability.
 * @returns predicted class index per row, `[N]`.
 * @example
 * ```ts
 * predictClasses('binary', [0.7, 0.3, 0.5, 0.5], 2); // Int32Array [0, 1]
 * predictClasses('multiclass', [0.2, 0.4, 0.4], 3); // Int32Array [1]
 * ```
 */
export function predictClasses(
  kind: 'binary' | 'multiclass',
  probabilities: ArrayLike<number>,
  classCount: number,
  threshold = 0.5,
): Int32Array {
  const rows = Math.floor(probabilities.length / classCount);
  const predicted = new Int32Array(rows);
  if (kind === 'binary') {
    for (let i = 0; i < rows; i++) predicted[i] = probabilities[i * 2 + 1]! >= threshold ? 1 : 0;
    return predicted;
  }
  for (let i = 0; i < rows; i++) {
    const base = i * classCount;
    let best = 0;
    let bestValue = probabilities[base]!;
    for (let c = 1; c < classCount; c++) {
      const value = probabilities[base + c]!;
      if (value > bestValue) {
        best = c;
        bestValue = value;
      }
    }
    predicted[i] = best;
  }
  return predicted;
}
