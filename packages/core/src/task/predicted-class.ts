import { POSITIVE_CLASS_INDEX, type TaskKind } from './task-definition';

/** The binary decision threshold of the original project: positive when p(positive) ≥ 0.5. */
export const DEFAULT_THRESHOLD = 0.5;

/** Options of {@link predictedClass}. */
export interface PredictedClassOptions {
  /** The binary threshold on `p(positive)` (default 0.5; multiclass tasks ignore it). */
  threshold?: number;
  /** Where the row starts in `probabilities`, for row-major `[N, K]` arrays (default 0). */
  offset?: number;
  /** `K`, the number of classes (default `probabilities.length − offset`). */
  classCount?: number;
}

/**
 * The predicted class of one row from its probabilities — the one rule every package applies:
 * a binary task predicts its positive class (index 1) when `p(positive) ≥ threshold`; a
 * multiclass task takes the arg-max, the first class on ties (NumPy's `argmax`).
 * @param kind - the task's kind.
 * @param probabilities - the row's class probabilities in class order (binary: `[p0, p1]`).
 * @param options - threshold, and the row's place in a row-major array.
 * @returns the class index.
 * @example
 * ```ts
 * predictedClass('binary', [0.5, 0.5]); // 1
 * predictedClass('binary', [0.3, 0.7], { threshold: 0.8 }); // 0
 * predictedClass('multiclass', [0.2, 0.4, 0.4]); // 1
 * ```
 */
export function predictedClass(
  kind: TaskKind,
  probabilities: ArrayLike<number>,
  options: PredictedClassOptions = {},
): number {
  const offset = options.offset ?? 0;
  if (kind === 'binary') {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    return probabilities[offset + POSITIVE_CLASS_INDEX]! >= threshold ? POSITIVE_CLASS_INDEX : 0;
  }
  const classCount = options.classCount ?? probabilities.length - offset;
  let best = 0;
  let bestValue = probabilities[offset]!;
  for (let c = 1; c < classCount; c += 1) {
    const value = probabilities[offset + c]!;
    if (value > bestValue) {
      best = c;
      bestValue = value;
    }
  }
  return best;
}
