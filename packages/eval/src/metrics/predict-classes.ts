import { predictedClass, type TaskKind } from '@ct-fracture/core';

/**
 * The predicted class of each row of a row-major `[N, K]` probability array, by
 * `@ct-fracture/core`'s `predictedClass` (binary: the positive class when `p(positive) ≥
 * threshold`, default 0.5 — the original project's rule; multiclass: the arg-max, the first class
 * on ties, as NumPy's `argmax`).
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
  kind: TaskKind,
  probabilities: ArrayLike<number>,
  classCount: number,
  threshold = 0.5,
): Int32Array {
  const rows = Math.floor(probabilities.length / classCount);
  const predicted = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    predicted[i] = predictedClass(kind, probabilities, {
      threshold,
      offset: i * classCount,
      classCount,
    });
  }
  return predicted;
}
