import * as tf from '@tensorflow/tfjs-core';
import { focalFactor, maskLabels } from './task-labels';

/** How one task's head is scored. */
export interface TaskLossOptions {
  /** `'binary'`: one logit per row (sigmoid); `'multiclass'`: one logit per class (softmax). */
  kind: 'binary' | 'multiclass';
  /** `'focal'` (MONAI FocalLoss, the original) or `'cross-entropy'`. */
  type: 'focal' | 'cross-entropy';
  /** Focal exponent γ (ignored by cross-entropy). */
  gamma: number;
  /**
   * Focal α (ignored by cross-entropy): binary — α for positives, 1 − α for negatives; multiclass —
   * 1 − α for class 0 and α for the others, as MONAI. `null` = none.
   */
  alpha: number | null;
  /** One weight per class in class order (binary: [negative, positive]); `null` = none. */
  classWeights: readonly number[] | null;
}

/**
 * log σ(x) = −softplus(−x). (tfjs's own `logSigmoid` loses its saved input under `tf.grad` when
 * the input is an intermediate tensor; softplus has an ordinary registered gradient.)
 */
function logSigmoid(x: tf.Tensor): tf.Tensor {
  return tf.neg(tf.softplus(tf.neg(x)));
}

function binaryLoss(
  logits: tf.Tensor2D,
  labels: ArrayLike<number>,
  options: TaskLossOptions,
): tf.Scalar {
  const { present, safe, count } = maskLabels(labels, 2);
  const x = tf.reshape(logits, [-1]);
  const target = tf.cast(safe, 'float32');
  // Binary cross-entropy with logits, as MONAI writes it: x − x·t − log σ(x).
  let perRow: tf.Tensor = tf.sub(tf.sub(x, tf.mul(x, target)), logSigmoid(x));
  if (options.type === 'focal') {
    // (1 − p_t)^γ = exp(γ · log σ(−x · (2t − 1))).
    const logInverse = logSigmoid(tf.neg(tf.mul(x, tf.sub(tf.mul(target, 2), 1))));
    const factor = options.gamma === 0 ? null : tf.exp(tf.mul(logInverse, options.gamma));
    if (factor) perRow = tf.mul(factor, perRow);
    if (options.alpha !== null) {
      const alpha = options.alpha;
      perRow = tf.mul(tf.add(tf.mul(target, 2 * alpha - 1), 1 - alpha), perRow);
    }
  }
  if (options.classWeights) {
    perRow = tf.mul(tf.gather(tf.tensor1d([...options.classWeights]), safe), perRow);
  }
  return tf.div(tf.sum(tf.mul(perRow, present)), Math.max(count, 1));
}

function multiclassLoss(
  logits: tf.Tensor2D,
  labels: ArrayLike<number>,
  options: TaskLossOptions,
): tf.Scalar {
  const numClasses = logits.shape[1];
  const { present, safe, count } = maskLabels(labels, numClasses);
  const logProbabilities = tf.logSoftmax(logits);
  const oneHot = tf.mul(tf.oneHot(safe, numClasses), tf.expandDims(present, 1));
  const weights = options.classWeights
    ? tf.tensor2d([...options.classWeights], [1, numClasses])
    : null;
  if (options.type === 'cross-entropy') {
    // PyTorch cross_entropy: Σ −w_t · log p_t / Σ w_t over present rows.
    const weightedOneHot = weights ? tf.mul(oneHot, weights) : oneHot;
    const numerator = tf.neg(tf.sum(tf.mul(logProbabilities, weightedOneHot)));
    const denominator = weights ? tf.maximum(tf.sum(weightedOneHot), 1e-12) : Math.max(count, 1);
    return tf.div(numerator, denominator);
  }
  const oneMinusP = tf.sub(1, tf.exp(logProbabilities));
  let elements: tf.Tensor = tf.neg(
    tf.mul(tf.mul(focalFactor(oneMinusP, options.gamma), logProbabilities), oneHot),
  );
  if (options.alpha !== null) {
    const alphas = [1 - options.alpha, ...new Array<number>(numClasses - 1).fill(options.alpha)];
    elements = tf.mul(tf.tensor2d(alphas, [1, numClasses]), elements);
  }
  if (weights) elements = tf.mul(weights, elements);
  // MONAI reduction 'mean': over every element of the present rows (rows × classes).
  return tf.div(tf.sum(elements), Math.max(count, 1) * numClasses);
}

/**
 * One task's loss over a batch, ignoring rows whose label is missing (−1); a batch in which every
 * label is missing gives exactly 0 (and zero gradients), never NaN.
 *
 * Focal: MONAI `FocalLoss(gamma, alpha, use_softmax=multiclass, reduction='mean')` on the present
 * rows — multiclass is the mean over rows × classes of −α_c (1 − p_c)^γ log p_c · onehot, binary
 * the mean over rows of α_t (1 − p_t)^γ BCE. Class weights multiply the per-element loss (MONAI's
 * `weight`; for binary heads, which MONAI leaves unweighted, the weight of the row's class).
 * Cross-entropy: PyTorch `cross_entropy(weight=…)` (weighted mean) and
 * `binary_cross_entropy_with_logits(weight=w[target])` (plain mean).
 * @param logits - `[B, C]` for multiclass, `[B, 1]` for binary (float32).
 * @param labels - class index per row, −1 = missing.
 * @throws {RangeError} for a label outside [−1, classes).
 * @example
 * const loss = taskLoss(tf.tensor2d([[2, -1, 0]]), [0], {
 *   kind: 'multiclass', type: 'focal', gamma: 2, alpha: null, classWeights: null,
 * });
 */
export function taskLoss(
  logits: tf.Tensor2D,
  labels: ArrayLike<number>,
  options: TaskLossOptions,
): tf.Scalar {
  if (logits.shape[0] !== labels.length) {
    throw new RangeError(
      `labels must have one entry per row of the logits (${logits.shape[0]}), got ${labels.length}`,
    );
  }
  return tf.tidy(() =>
    options.kind === 'binary'
      ? binaryLoss(logits, labels, options)
      : multiclassLoss(logits, labels, options),
  );
}
