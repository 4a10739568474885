import {
  type CheckpointMetadata,
  classifyLogits,
  type DenseNet3d,
  taskDecision,
} from '@ct-fracture/densenet3d';
import type { Volume } from '@ct-fracture/nifti-io';
import * as tf from '@tensorflow/tfjs-core';

/** One task's prediction, as `predict --json` reports it. */
export interface TaskPrediction {
  task: string;
  /** The predicted class (at the checkpoint's operating point, if any). */
  pred: string;
  /** Class → probability (after the checkpoint's temperature, if any). */
  probs: Record<string, number>;
}

/**
 * Classifies a preprocessed scan with every head: one forward pass, then per task
 * `classifyLogits` with the checkpoint's temperature and operating point — the same rule as
 * `ct-fracture predict`. Every tensor is disposed.
 * @param input - the model input (`preprocessing.size`), as the checkpoint's preprocessing made it.
 */
export async function predictTasks(
  model: DenseNet3d,
  metadata: Pick<CheckpointMetadata, 'calibration' | 'operatingPoints'>,
  input: Pick<Volume, 'data' | 'shape'>,
): Promise<TaskPrediction[]> {
  const x = tf.tensor5d(input.data, [1, ...input.shape, 1]);
  const { logits } = model.forward(x);
  try {
    const values = await Promise.all(logits.map(async (tensor) => Array.from(await tensor.data())));
    return model.config.heads.map((head, index) => {
      const out = classifyLogits(head, values[index]!, taskDecision(metadata, head.task));
      return {
        task: head.task,
        pred: head.classes[out.classIndex]!,
        probs: Object.fromEntries(
          head.classes.map((name, classIndex) => [name, out.probabilities[classIndex]!]),
        ),
      };
    });
  } finally {
    tf.dispose([x, ...logits]);
  }
}
