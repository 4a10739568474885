import type { FileLock } from '@ct-fracture/core/node';
import type { DenseNet3d } from '@ct-fracture/densenet3d';
import type { CheckpointInfo } from '@ct-fracture/densenet3d/node';
import type * as tf from '@tensorflow/tfjs-core';
import { saveTrainingCheckpoint } from '../checkpoint/training-checkpoint';
import type { TrainConfig } from '../config/config-schema';
import type { WeightedTaskLoss } from '../loss/multi-task-loss';
import type { AdamOptimizer } from '../optim/adam';
import type { DatasetSample } from '../pipeline/batch-loader';
import type { SamplePreparer } from '../pipeline/sample-preparer';
import type { MetricsRecord, TrainProgressEvent } from './progress-events';
import type { EpochTaskMetrics } from './task-metrics';
import type { RunIdentity, TrainingState } from './training-state';

/** Everything one training run works with (built by `setUpRun`, used by the loop's parts). */
export interface RunContext {
  config: TrainConfig;
  runDir: string;
  /** The run folder's exclusive lock (held until the run, and its report, are done). */
  lock: FileLock;
  /** What the checkpoints record so that a resume can check it continues this run. */
  identity: RunIdentity;
  /** Whether `checkpoints/last` exists (resumed from it, or written by this process). */
  hasCheckpoint: boolean;
  lastDir: string;
  bestDir: string;
  model: DenseNet3d;
  /** The trainable variables by state_dict key. */
  variables: Map<string, tf.Variable>;
  optimizer: AdamOptimizer;
  /** Loss settings per task (task order). */
  tasks: WeightedTaskLoss[];
  /** Name, kind and class count per task, for metrics. */
  metricTasks: { name: string; kind: 'binary' | 'multiclass'; classes: number }[];
  trainSamples: DatasetSample[];
  validationSamples: DatasetSample[];
  preparer: SamplePreparer;
  cacheDir: string | null;
  /** The loop state (mutated as training goes). */
  state: TrainingState;
  batchesPerEpoch: number;
  emit: (event: TrainProgressEvent) => void;
  /** Reports a skipped unreadable scan (only with `data.skipBad`). */
  onSkip: ((sample: DatasetSample, error: Error) => void) | undefined;
  signal: AbortSignal | undefined;
  /** Training time over resumes, ms. */
  elapsedMs: () => number;
  now: () => Date;
  /** `ct-fracture.json` contents for a checkpoint after `epoch` epochs. */
  checkpointInfo: (epoch: number) => CheckpointInfo;
  /** Step timing of this process, for the ETA. */
  stepTiming: { totalMs: number; steps: number };
}

/**
 * The step a checkpoint records for crash recovery (the newest complete copy wins): the position
 * in the run, 2 × the global step, + 1 once that step's validation is done — so every save of
 * `checkpoints/last` records a larger step than the one before.
 */
export function checkpointStep(state: TrainingState, validated: boolean): number {
  return 2 * state.globalStep + (validated ? 1 : 0);
}

/** Writes `checkpoints/last` (model, optimiser moments, loop state) for the current state. */
export async function saveLast(run: RunContext, reason: TrainingState['reason']): Promise<void> {
  run.state.reason = reason;
  run.state.elapsedMs = run.elapsedMs();
  run.state.identity = run.identity;
  await saveTrainingCheckpoint(run.lastDir, {
    model: run.model,
    info: run.checkpointInfo(run.state.epoch),
    optimizer: { options: run.optimizer.options, state: await run.optimizer.getState() },
    state: run.state,
    step: checkpointStep(run.state, run.state.validationPending !== true),
  });
  run.hasCheckpoint = true;
  run.emit({ type: 'checkpoint', kind: 'last', dir: run.lastDir });
}

/** Per-task metrics as a `metrics.jsonl` record's `tasks`. */
export function taskRecord(tasks: Record<string, EpochTaskMetrics>): MetricsRecord['tasks'] {
  const result: MetricsRecord['tasks'] = {};
  for (const [name, task] of Object.entries(tasks)) {
    result[name] = {
      loss: task.loss,
      accuracy: task.accuracy,
      balanced_accuracy: task.balanced_accuracy,
      n: task.n,
      confusion: task.confusion,
    };
  }
  return result;
}
