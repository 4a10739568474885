import type { HeadConfig } from './config';

/**
 * Class probabilities from one sample's logits for a head: softmax for multiclass, and
 * `[1 − σ(z), σ(z)]` for binary (the positive class is the second).
 * @param logits - `[classes]` (multiclass) or `[1]` (binary).
 * @example
 * probabilitiesFromLogits({ task: 'varus', kind: 'binary', classes: ['no', 'yes'] }, [0]); // [0.5, 0.5]
 */
export function probabilitiesFromLogits(head: HeadConfig, logits: ArrayLike<number>): number[] {
  if (head.kind === 'binary') {
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

/**
 * The predicted class index: argmax of softmax, or probability ≥ 0.5 for binary (the
 * original project's threshold).
 * @example
 * predictedClass([0.2, 0.5, 0.3]); // 1
 */
export function predictedClass(probabilities: readonly number[]): number {
  let best = 0;
  for (let index = 1; index < probabilities.length; index += 1) {
    if (probabilities[index]! > probabilities[best]!) best = index;
  }
  return best;
}
