import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TrainerError } from '../errors/trainer-error';
import type { TaskMetricsSnapshot } from './task-metrics';

/** The loop state's file name inside a checkpoint folder. */
export const TRAINING_STATE_FILE = 'trainer-state.json';

/** Where training stands: everything besides weights and optimiser moments needed to resume. */
export interface TrainingState {
  format: 'ct-fracture-trainer-state';
  formatVersion: 1;
  /** The epoch in progress, or the next one when `batchInEpoch` is 0 (0-based). */
  epoch: number;
  /** Batches of `epoch` already trained (0 = at the epoch's start). */
  batchInEpoch: number;
  /** Batches trained since the start of the run (also the dropout-seed position). */
  globalStep: number;
  /** The best validation value of `training.bestMetric` so far, and when. */
  best: { metric: string; value: number; epoch: number } | null;
  /** Validations since the best one (early stopping). */
  validationsWithoutImprovement: number;
  /** Training time so far, milliseconds. */
  elapsedMs: number;
  /** The interrupted epoch's metric sums (null at an epoch boundary). */
  epochMetrics: TaskMetricsSnapshot | null;
  /** The interrupted epoch's throughput sums (null at an epoch boundary). */
  epochTiming: { samples: number; stepMs: number; waitMs: number } | null;
  /** Why the state was written. */
  reason: 'epoch' | 'interrupted' | 'final' | 'early-stopping';
}

/** The state of a run that has not started. */
export function initialTrainingState(): TrainingState {
  return {
    format: 'ct-fracture-trainer-state',
    formatVersion: 1,
    epoch: 0,
    batchInEpoch: 0,
    globalStep: 0,
    best: null,
    validationsWithoutImprovement: 0,
    elapsedMs: 0,
    epochMetrics: null,
    epochTiming: null,
    reason: 'epoch',
  };
}

/**
 * Reads `trainer-state.json` from a checkpoint folder.
 * @throws {TrainerError} `resume` when it is missing or not a trainer state.
 */
export async function loadTrainingState(dir: string): Promise<TrainingState> {
  const file = join(dir, TRAINING_STATE_FILE);
  let state: TrainingState;
  try {
    state = JSON.parse(await readFile(file, 'utf8')) as TrainingState;
  } catch (error) {
    throw new TrainerError({
      code: 'resume',
      file,
      message: `a resumable checkpoint must hold a readable trainer-state.json, got: ${(error as Error).message}`,
      cause: error,
    });
  }
  if (state.format !== 'ct-fracture-trainer-state' || !Number.isInteger(state.epoch)) {
    throw new TrainerError({
      code: 'resume',
      file,
      message: `the trainer state must have format 'ct-fracture-trainer-state', got ${JSON.stringify(state.format)}`,
    });
  }
  return state;
}
