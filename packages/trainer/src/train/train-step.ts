import * as tf from '@tensorflow/tfjs-core';
import type { WeightedTaskLoss } from '../loss/multi-task-loss';
import { multiTaskLoss } from '../loss/multi-task-loss';
import type { TrainableModel } from './model-like';

/** What one forward/backward pass of a batch produced. */
export interface StepResult {
  /** Gradients of the total loss by weight name (the caller owns and disposes them). */
  gradients: Map<string, tf.Tensor>;
  /** The total loss (Σ weight · task loss). */
  loss: number;
  /** Each task's (unweighted) loss. */
  taskLosses: number[];
  /** Logits per task, as plain arrays `[rows × outputs]`, for metrics. */
  logits: Float32Array[];
}

/**
 * Forward + backward of one batch in training mode (batch-norm running statistics are updated as
 * PyTorch does). Nothing is applied to the weights.
 * @param x - `[B, D, H, W, 1]` float32.
 * @param labels - per task, class indices of the rows (−1 = missing).
 */
export function computeGradients(
  model: TrainableModel,
  variables: ReadonlyMap<string, tf.Variable>,
  x: tf.Tensor,
  labels: readonly Int32Array[],
  tasks: readonly WeightedTaskLoss[],
  dropoutSeed: number,
): StepResult {
  const names = new Map<string, string>();
  for (const [key, variable] of variables) names.set(variable.name, key);
  let taskLossTensors: tf.Scalar[] = [];
  let logitTensors: tf.Tensor2D[] = [];
  const { value, grads } = tf.variableGrads(() => {
    const { logits } = model.forward(x, { training: true, dropoutSeed });
    const loss = multiTaskLoss(logits, labels, tasks);
    taskLossTensors = loss.perTask.map((task) => tf.keep(task));
    logitTensors = logits.map((logit) => tf.keep(logit));
    return loss.total;
  }, [...variables.values()]);
  const gradients = new Map<string, tf.Tensor>();
  for (const [name, gradient] of Object.entries(grads)) gradients.set(names.get(name)!, gradient);
  const loss = value.dataSync()[0]!;
  const taskLosses = taskLossTensors.map((tensor) => tensor.dataSync()[0]!);
  const logits = logitTensors.map((tensor) => tensor.dataSync() as Float32Array);
  tf.dispose([value, ...taskLossTensors, ...logitTensors]);
  return { gradients, loss, taskLosses, logits };
}

/**
 * Forward pass in inference mode (running statistics), with each task's loss.
 * @returns per-task losses and the logits as plain arrays.
 */
export function evaluateBatch(
  model: TrainableModel,
  x: tf.Tensor,
  labels: readonly Int32Array[],
  tasks: readonly WeightedTaskLoss[],
): { loss: number; taskLosses: number[]; logits: Float32Array[] } {
  const { logits } = model.forward(x, { training: false });
  const loss = multiTaskLoss(logits, labels, tasks);
  const result = {
    loss: loss.total.dataSync()[0]!,
    taskLosses: loss.perTask.map((task) => task.dataSync()[0]!),
    logits: logits.map((logit) => logit.dataSync() as Float32Array),
  };
  tf.dispose([...logits, loss.total, ...loss.perTask]);
  return result;
}
