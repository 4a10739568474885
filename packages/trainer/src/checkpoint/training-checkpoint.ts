import type { DenseNet3d } from '@ct-fracture/densenet3d';
import { type CheckpointInfo, loadCheckpoint, saveCheckpoint } from '@ct-fracture/densenet3d/node';
import type { AdamOptions, AdamState } from '../optim/adam';
import { TRAINING_STATE_FILE, type TrainingState } from '../train/training-state';
import { encodeOptimizerState } from './optimizer-io';

/** What a training checkpoint folder holds. */
export interface TrainingCheckpoint {
  model: DenseNet3d;
  /** `ct-fracture.json`'s label specification, preprocessing, provenance (and versions). */
  info: CheckpointInfo;
  /** Optimiser state for resuming (optimizer.json + optimizer.bin beside the model). */
  optimizer?: { options: AdamOptions; state: AdamState };
  /** Loop state for resuming (trainer-state.json). */
  state?: TrainingState;
  /** More files for the same folder (plain names). */
  extraFiles?: Readonly<Record<string, string | Uint8Array>>;
  /**
   * Orders the folder's versions: after a crash in the middle of a write, the complete copy with
   * the largest step is kept (the trainer passes its global step).
   */
  step?: number;
}

/**
 * Writes a checkpoint folder — `@ct-fracture/densenet3d`'s model files plus the optimiser and
 * loop state — in one atomic step (`@ct-fracture/core/node`'s `publishFolder`): into a temporary
 * folder that then replaces `dir`, so a failure (disk full, a crash) leaves the previous
 * checkpoint intact, and a crash between the renames leaves the newest complete copy (by `step`)
 * for recovery.
 * @throws DenseNetError `checkpoint-io` naming the folder; `dir` then holds the previous one.
 * @example
 * await saveTrainingCheckpoint('runs/x/checkpoints/last', { model, info, optimizer, state });
 */
export async function saveTrainingCheckpoint(
  dir: string,
  checkpoint: TrainingCheckpoint,
): Promise<void> {
  const extraFiles: Record<string, string | Uint8Array> = {};
  if (checkpoint.optimizer) {
    Object.assign(
      extraFiles,
      encodeOptimizerState(checkpoint.optimizer.options, checkpoint.optimizer.state),
    );
  }
  if (checkpoint.state) {
    extraFiles[TRAINING_STATE_FILE] = `${JSON.stringify(checkpoint.state, null, 2)}\n`;
  }
  Object.assign(extraFiles, checkpoint.extraFiles);
  await saveCheckpoint(dir, checkpoint.model, checkpoint.info, {
    extraFiles,
    step: checkpoint.step,
  });
}

/** Loads the model of a checkpoint folder (any ct-fracture checkpoint, trained or imported). */
export async function loadCheckpointModel(dir: string): Promise<DenseNet3d> {
  return (await loadCheckpoint(dir)).model;
}
