import type { TaskKind } from './task-definition';

/**
 * Class probabilities from one sample's logits: `[1 − σ(z), σ(z)]` for a binary task (one logit,
 * the positive class second) and the softmax for a multiclass task. Numerically stable for
 * logits of any size.
 * @param kind - the task's kind.
 * @param logits - `[1]` (binary) or `[classes]` (multiclass).
 * @example
 * ```ts
 * probabilitiesFromLogits('binary', [0]); // [0.5, 0.5]
 * probabilitiesFromLogits('multiclass', [0, 0]); // [0.5, 0.5]
 * ```
 */
export function probabilitiesFromLogits(kind: TaskKind, logits: ArrayLike<number>): number[] {
  if (kind === 'binary') {
    const z = logits[0]!;
    const positive = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    return [1 - positive, positive];
  }
  const values = Array.from(logits);
  const max = Math.max(...values);
  const exponentials = values.map((value) => Math.exp(value - max));
  const total = exponentials.reduce((sum, value) => sum + value, 0);
  return exponentials.map((value) => value / total);
}
