import * as tf from '@tensorflow/tfjs-core';
import { type TaskLossOptions, taskLoss } from './task-loss';

/** One task's loss settings and its weight in the sum. */
export interface WeightedTaskLoss extends TaskLossOptions {
  /** The task's name (for reports). */
  name: string;
  /** The task's weight in the total (original 1.0). */
  weight: number;
}

/** The total loss and each task's unweighted loss. */
export interface MultiTaskLossValue {
  /** Σ weight_t · loss_t (a scalar tensor; differentiate this). */
  total: tf.Scalar;
  /** loss_t per task, in task order. */
  perTask: tf.Scalar[];
}

/**
 * The multi-task loss: the weighted sum over tasks of `taskLoss` (the original: focal loss,
 * weights 1.0). Tasks with no label in the batch contribute 0.
 * @param logits - one `[B, C]` (or `[B, 1]` binary) tensor per task, in task order.
 * @param labels - one array of class indices (−1 = missing) per task, in task order.
 * @throws {RangeError} when the numbers of tasks, logits and labels differ.
 */
export function multiTaskLoss(
  logits: readonly tf.Tensor2D[],
  labels: readonly ArrayLike<number>[],
  tasks: readonly WeightedTaskLoss[],
): MultiTaskLossValue {
  if (logits.length !== tasks.length || labels.length !== tasks.length) {
    throw new RangeError(
      `need one logits tensor and one label array per task (${tasks.length}), got ${logits.length} and ${labels.length}`,
    );
  }
  const perTask = tasks.map((task, index) => taskLoss(logits[index]!, labels[index]!, task));
  const total = tf.tidy(() =>
    perTask.reduce<tf.Scalar>(
      (sum, loss, index) => tf.add(sum, tf.mul(loss, tasks[index]!.weight)),
      tf.scalar(0),
    ),
  );
  return { total, perTask };
}
