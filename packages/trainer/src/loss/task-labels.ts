import * as tf from '@tensorflow/tfjs-core';

/**
 * The tensors a masked loss needs from class-index labels (−1 = missing): `present` [B] (1 where
 * the label is present, else 0), `safe` [B] int32 (missing → 0, so one-hot and gather stay in
 * range) and `count`, the number of present labels (a plain number).
 */
export interface MaskedLabels {
  present: tf.Tensor1D;
  safe: tf.Tensor1D;
  count: number;
}

/**
 * Splits class-index labels into a presence mask and in-range indices.
 * @param labels - class index per row, −1 for missing; length = batch size.
 * @param numClasses - classes of the task (2 for binary tasks); an index ≥ this throws.
 * @throws {RangeError} for an index outside [−1, numClasses).
 */
export function maskLabels(labels: ArrayLike<number>, numClasses: number): MaskedLabels {
  const safe = new Int32Array(labels.length);
  const present = new Float32Array(labels.length);
  let count = 0;
  for (let row = 0; row < labels.length; row += 1) {
    const label = labels[row]!;
    if (!Number.isInteger(label) || label < -1 || label >= numClasses) {
      throw new RangeError(
        `a label must be a class index in [0, ${numClasses}) or -1 (missing), got ${label} at row ${row}`,
      );
    }
    if (label >= 0) {
      safe[row] = label;
      present[row] = 1;
      count += 1;
    }
  }
  return { present: tf.tensor1d(present), safe: tf.tensor1d(safe, 'int32'), count };
}

/** `(1 − p)^γ`, with exact, NaN-free gradients for integer γ (the usual 2) and at p = 1. */
export function focalFactor(oneMinusP: tf.Tensor, gamma: number): tf.Tensor {
  if (gamma === 0) return tf.onesLike(oneMinusP);
  if (Number.isInteger(gamma) && gamma <= 8) {
    let factor = oneMinusP;
    for (let power = 1; power < gamma; power += 1) factor = tf.mul(factor, oneMinusP);
    return factor;
  }
  return tf.pow(tf.maximum(oneMinusP, 1e-30), gamma);
}
