import * as tf from '@tensorflow/tfjs-core';

/**
 * The global L2 norm of all gradients and the gradients scaled so that it is at most `maxNorm`
 * (`torch.nn.utils.clip_grad_norm_`: factor `maxNorm / (norm + 1e-6)` clamped to 1). The input
 * tensors are not disposed; the returned map holds new tensors.
 * @returns the norm before clipping and the (possibly) scaled gradients.
 */
export function clipByGlobalNorm(
  gradients: ReadonlyMap<string, tf.Tensor>,
  maxNorm: number,
): { norm: number; gradients: Map<string, tf.Tensor> } {
  const norm = globalNorm(gradients);
  const factor = Math.min(maxNorm / (norm + 1e-6), 1);
  const clipped = new Map<string, tf.Tensor>();
  for (const [name, gradient] of gradients) clipped.set(name, tf.mul(gradient, factor));
  return { norm, gradients: clipped };
}

/** √Σ‖g‖² over every gradient (a plain number). */
export function globalNorm(gradients: ReadonlyMap<string, tf.Tensor>): number {
  const squared = tf.tidy(() =>
    [...gradients.values()].reduce<tf.Scalar>(
      (sum, gradient) => tf.add(sum, tf.sum(tf.square(gradient))),
      tf.scalar(0),
    ),
  );
  const value = Math.sqrt(squared.dataSync()[0]!);
  squared.dispose();
  return value;
}

/**
 * Accumulates gradients over micro-batches (gradient accumulation): `add` sums, `take` returns
 * the mean over the added micro-batches and resets.
 */
export class GradientAccumulator {
  private sums = new Map<string, tf.Tensor>();
  private count = 0;

  /** Micro-batches added since the last `take`. */
  get size(): number {
    return this.count;
  }

  /** Adds one micro-batch's gradients (taking ownership of them). */
  add(gradients: ReadonlyMap<string, tf.Tensor>): void {
    for (const [name, gradient] of gradients) {
      const sum = this.sums.get(name);
      if (sum === undefined) {
        this.sums.set(name, gradient);
      } else {
        this.sums.set(name, tf.add(sum, gradient));
        sum.dispose();
        gradient.dispose();
      }
    }
    this.count += 1;
  }

  /** The mean gradients (caller owns them); the accumulator is empty afterwards. */
  take(): Map<string, tf.Tensor> {
    const mean = new Map<string, tf.Tensor>();
    for (const [name, sum] of this.sums) {
      if (this.count === 1) {
        mean.set(name, sum);
      } else {
        mean.set(name, tf.div(sum, this.count));
        sum.dispose();
      }
    }
    this.sums = new Map();
    this.count = 0;
    return mean;
  }

  /** Frees what was accumulated. */
  dispose(): void {
    for (const sum of this.sums.values()) sum.dispose();
    this.sums = new Map();
    this.count = 0;
  }
}
