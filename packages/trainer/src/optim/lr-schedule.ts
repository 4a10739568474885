import type { TrainConfig } from '../config/config-schema';

/** Linear warm-up then cosine annealing, stepped once per epoch (the original recipe). */
export interface WarmupCosineSchedule {
  type: 'warmup-cosine';
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

/** The same learning rate every epoch. */
export interface ConstantSchedule {
  type: 'constant';
  /** The learning rate. */
  baseLr: number;
}

/** A learning-rate schedule over 0-based epochs. */
export type LearningRateSchedule = WarmupCosineSchedule | ConstantSchedule;

/** The original project's schedule: lr 5e-4, 10 warm-up epochs from 0.1×, 90 cosine epochs to 1e-5. */
export const ORIGINAL_SCHEDULE: WarmupCosineSchedule = {
  type: 'warmup-cosine',
  baseLr: 5e-4,
  warmupEpochs: 10,
  warmupStartFactor: 0.1,
  cosineEpochs: 90,
  minLr: 1e-5,
};

/**
 * The schedule a training configuration describes (`schedule.cosineEpochs: null` = the epochs
 * left after warm-up).
 * @example
 * scheduleFromConfig(parseTrainConfig({})); // equals ORIGINAL_SCHEDULE
 */
export function scheduleFromConfig(config: TrainConfig): LearningRateSchedule {
  const { schedule, optimizer, training } = config;
  if (schedule.type === 'constant') return { type: 'constant', baseLr: optimizer.lr };
  return {
    type: 'warmup-cosine',
    baseLr: optimizer.lr,
    warmupEpochs: schedule.warmupEpochs,
    warmupStartFactor: schedule.warmupStartFactor,
    cosineEpochs: schedule.cosineEpochs ?? Math.max(1, training.epochs - schedule.warmupEpochs),
    minLr: schedule.minLr,
  };
}

/**
 * The learning rate of a 0-based epoch, as PyTorch's `SequentialLR([LinearLR(start_factor,
 * total_iters=warmupEpochs), CosineAnnealingLR(T_max=cosineEpochs, eta_min=minLr)],
 * milestones=[warmupEpochs])` gives it when stepped once per epoch (closed form; equal to
 * PyTorch's recursion to ~1e-18). Past the end of the cosine the rate stays at `minLr` (PyTorch's
 * cosine would rise again).
 * @param epoch - 0-based epoch index (≥ 0).
 * @example
 * learningRateAt(ORIGINAL_SCHEDULE, 0); // 5e-5
 * learningRateAt(ORIGINAL_SCHEDULE, 10); // 5e-4
 */
export function learningRateAt(schedule: LearningRateSchedule, epoch: number): number {
  if (schedule.type === 'constant') return schedule.baseLr;
  const { baseLr, warmupEpochs, warmupStartFactor, cosineEpochs, minLr } = schedule;
  if (epoch < warmupEpochs) {
    const factor = warmupStartFactor + ((1 - warmupStartFactor) * epoch) / warmupEpochs;
    return baseLr * factor;
  }
  const t = Math.min(epoch - warmupEpochs, cosineEpochs);
  return minLr + ((baseLr - minLr) * (1 + Math.cos((Math.PI * t) / cosineEpochs))) / 2;
}
