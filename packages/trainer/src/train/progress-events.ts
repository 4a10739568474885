import type { EpochTaskMetrics } from './task-metrics';

/** One line of `metrics.jsonl`: an epoch's training summary or a validation pass. */
export interface MetricsRecord {
  /** 1-based epoch number. */
  epoch: number;
  /** Optimiser updates so far. */
  step: number;
  split: 'train' | 'validation';
  /** The epoch's learning rate. */
  lr: number;
  /** Total loss (Σ task weight · task loss), row-weighted mean over the split. */
  loss: number;
  /**
   * Per task: loss, accuracy, balanced accuracy over labelled rows and their count `n` — the keys
   * of `metrics.json` (older run folders say `balancedAccuracy` and `count`; readers take
   * both).
   */
  tasks: Record<string, Omit<EpochTaskMetrics, 'confusion'> & { confusion?: number[][] }>;
  /** Samples per second (training: including waiting for data). */
  samplesPerSecond: number;
  /** Share of the wall time spent waiting for data (training only; 0 for validation). */
  dataWaitShare: number;
  /** The process's peak resident set size so far, MB. */
  peakRssMb: number;
  /** Validation only: whether this is the best so far by `training.bestMetric`. */
  best?: boolean;
  /** Seconds since training started (over resumes). */
  elapsedSeconds: number;
  /** Wall-clock time, ISO 8601. */
  time: string;
}

/** What `train` reports as it goes (to `onProgress`). */
export type TrainProgressEvent =
  | {
      type: 'start';
      runDir: string;
      trainSamples: number;
      validationSamples: number;
      epochs: number;
      batchesPerEpoch: number;
      dataThreads: number;
      resumedFromEpoch: number | null;
    }
  | {
      type: 'step';
      /** 1-based. */
      epoch: number;
      epochs: number;
      /** 1-based batch within the epoch. */
      batch: number;
      batches: number;
      loss: number;
      lr: number;
      samplesPerSecond: number;
      dataWaitShare: number;
      /** The process's peak resident set size so far, MB. */
      peakRssMb: number;
      /** Estimated seconds to the end of training. */
      etaSeconds: number;
    }
  | {
      /** The full data check before training: every scan read whole once. */
      type: 'scan-check';
      checked: number;
      total: number;
    }
  | { type: 'epoch'; record: MetricsRecord }
  | { type: 'validation'; record: MetricsRecord }
  | { type: 'checkpoint'; kind: 'last' | 'best'; dir: string }
  | { type: 'warning'; message: string }
  | {
      type: 'end';
      reason: TrainStopReason;
      runDir: string;
      /** The process's peak resident set size, MB. */
      peakRssMb: number;
    };

/** Why training ended. */
export type TrainStopReason = 'completed' | 'early-stopping' | 'interrupted';
