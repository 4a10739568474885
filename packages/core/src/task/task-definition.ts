/**
 * The kind of a task: `binary` (two classes, the **positive class is the second**; a model gives
 * one logit, its sigmoid is the positive-class probability) or `multiclass` (one logit per class,
 * softmax).
 */
export type TaskKind = 'binary' | 'multiclass';

/** Index of a binary task's positive class (its second class). */
export const POSITIVE_CLASS_INDEX = 1;

/** What every package knows of a task: its name, kind and classes in head order. */
export interface TaskDefinition {
  /** Task name, e.g. `'fracture_parts'`. */
  readonly name: string;
  readonly kind: TaskKind;
  /** Class names in the task's order (the model's outputs; binary: [negative, positive]). */
  readonly classes: readonly string[];
}

/**
 * The number of logits a model gives for a task: 1 for binary, one per class otherwise.
 * @example
 * ```ts
 * logitCount({ kind: 'binary', classes: ['no', 'yes'] }); // 1
 * ```
 */
export function logitCount(task: Pick<TaskDefinition, 'kind' | 'classes'>): number {
  return task.kind === 'binary' ? 1 : task.classes.length;
}
