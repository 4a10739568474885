/** Linear warm-up then cosine annealing, stepped once per epoch (the original recipe). */
export interface WarmupCosineSchedule {
  /** Peak learning rate, reached at the end of warm-up. */
  baseLr: number;
  /** Warm-up epochs; the first epoch runs at `warmupStartFactor × baseLr`. */
  warmupEpochs: number;
  /** Fraction of `baseLr` the warm-up starts from. */
  warmupStartFactor: number;
  /** Epochs of cosine annealing after warm-up. */
  cosineEpochs: number;
  /** Learning rate at the end of the cosine. */
  minLr: number;
}

/** The original project's schedule: lr 5e-4, 10 warm-up epochs from 0.1×, 90 cosine epochs to 1e-5. */
export const ORIGINAL_SCHEDULE: WarmupCosineSchedule = {
  baseLr: 5e-4,
  warmupEpochs: 10,
  warmupStartFactor: 0.1,
  cosineEpochs: 90,
  minLr: 1e-5,
};

/**
 * The learning rate of a 0-based epoch, as PyTorch's `SequentialLR(LinearLR, CosineAnnealingLR)`
 * gives it (closed form).
 * @param epoch - 0-based epoch index.
 */
export function learningRateAt(schedule: WarmupCosineSchedule, epoch: number): number {
  const { baseLr, warmupEpochs, warmupStartFactor, cosineEpochs, minLr } = schedule;
  if (epoch < warmupEpochs) {
    const factor = warmupStartFactor + ((1 - warmupStartFactor) * epoch) / warmupEpochs;
    return baseLr * factor;
  }
  const t = Math.min(epoch - warmupEpochs, cosineEpochs);
  return minLr + ((baseLr - minLr) * (1 + Math.cos((Math.PI * t) / cosineEpochs))) / 2;
}
