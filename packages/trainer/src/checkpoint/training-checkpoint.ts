import type { DenseNet3d } from '@ct-fracture/densenet3d';
import type { AdamOptions, AdamState } from '../optim/adam';
import { saveTrainingState, type TrainingState } from '../train/training-state';
import { type CheckpointMetadata, saveModelCheckpoint } from './model-checkpoint';
import { saveOptimizerState } from './optimizer-io';
import { replaceFolder } from './replace-folder';

/** What a training checkpoint folder holds. */
export interface TrainingCheckpoint {
  model: DenseNet3d;
  metadata: CheckpointMetadata;
  /** Optimiser state for resuming (written beside the model: optimizer.json + optimizer.bin). */
  optimizer?: { options: AdamOptions; state: AdamState };
  /** Loop state for resuming (trainer-state.json). */
  state?: TrainingState;
}

/**
 * Writes a checkpoint folder as a whole (model, optimiser, loop state): into a temporary folder
 * that then replaces `dir`, so a failure — disk full, a crash — leaves the previous checkpoint
 * intact.
 * @throws the filesystem error; `dir` then still holds the previous checkpoint.
 */
export async function saveTrainingCheckpoint(
  dir: string,
  checkpoint: TrainingCheckpoint,
): Promise<void> {
  await replaceFolder(dir, async (temporary) => {
    await saveModelCheckpoint(temporary, checkpoint.model, checkpoint.metadata);
    if (checkpoint.optimizer) {
      await saveOptimizerState(temporary, checkpoint.optimizer.options, checkpoint.optimizer.state);
    }
    if (checkpoint.state) await saveTrainingState(temporary, checkpoint.state);
  });
}
