import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
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
  /**
   * True when the run stopped after training epoch `epoch` and before its validation finished:
   * a resumed run validates first.
   */
  validationPending?: boolean;
  /**
   * What fixes the run's trajectory, so a resume can refuse a changed one: the SHA-256 of the
   * configuration fields that must not change (see `runIdentity`), and the training and
   * validation scans (count and a digest of their ids and files). Absent in older checkpoints.
   */
  identity?: RunIdentity;
  /** Why the state was written. */
  reason: 'epoch' | 'interrupted' | 'final' | 'early-stopping';
}

/** The parts of a run that a resume must find unchanged. */
export interface RunIdentity {
  configHash: string;
  /** The fixed configuration fields themselves (to name what changed). */
  config: Record<string, unknown>;
  trainScans: { count: number; digest: string };
  validationScans: { count: number; digest: string };
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

const count = z.number().int().min(0);
const finite = z.number().finite();
const scans = z.strictObject({ count, digest: z.string().regex(/^[0-9a-f]{64}$/) });

const stateSchema = z.object({
  format: z.literal('ct-fracture-trainer-state'),
  formatVersion: z.literal(1),
  epoch: count,
  batchInEpoch: count,
  globalStep: count,
  best: z
    .strictObject({ metric: z.string(), value: finite, epoch: z.number().int().positive() })
    .nullable(),
  validationsWithoutImprovement: count,
  elapsedMs: finite.min(0),
  epochMetrics: z
    .object({
      lossSums: z.array(finite),
      counts: z.array(count),
      confusion: z.array(z.array(z.array(count))),
      totalLossSum: finite,
      rows: count,
    })
    .nullable(),
  epochTiming: z
    .strictObject({ samples: count, stepMs: finite.min(0), waitMs: finite.min(0) })
    .nullable(),
  validationPending: z.boolean().optional(),
  identity: z
    .strictObject({
      configHash: z.string().regex(/^[0-9a-f]{64}$/),
      config: z.record(z.string(), z.unknown()),
      trainScans: scans,
      validationScans: scans,
    })
    .optional(),
  reason: z.enum(['epoch', 'interrupted', 'final', 'early-stopping']),
});

/**
 * Reads and checks `trainer-state.json` from a checkpoint folder: every field must have its
 * type and range (a hand-edited epoch of −5 would train with a negative learning rate).
 * @throws {TrainerError} `resume` when it is missing, not JSON, or a field is out of range
 *   (naming the field and the value).
 */
export async function loadTrainingState(dir: string): Promise<TrainingState> {
  const file = join(dir, TRAINING_STATE_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new TrainerError({
      code: 'resume',
      file,
      message: `a resumable checkpoint must hold a readable trainer-state.json, got: ${(error as Error).message}`,
      cause: error,
    });
  }
  const parsed = stateSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    let value: unknown = raw;
    for (const key of issue.path)
      value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
    const shown = JSON.stringify(value)?.slice(0, 80) ?? 'nothing';
    throw new TrainerError({
      code: 'resume',
      file,
      field,
      value: shown,
      message: `the trainer state's ${field} must be valid (${issue.message}), got ${shown}`,
    });
  }
  return parsed.data as TrainingState;
}
