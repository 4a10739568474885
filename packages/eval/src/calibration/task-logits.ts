import type { HeadConfig } from '@ct-fracture/densenet3d';
import { EvaluationError } from '../errors/evaluation-error';

/** One task's raw model outputs over a set of scans, with their labels. */
export interface TaskLogits {
  /** The task's head (name, kind, classes). */
  readonly head: HeadConfig;
  /** Row-major `[N, L]` logits: `L = 1` for a binary head, the class count otherwise. */
  readonly logits: ArrayLike<number>;
  /** True class index per row, `-1` when the label is missing. */
  readonly truth: ArrayLike<number>;
}

/** Logits per row of a head: 1 (binary) or the class count. */
export function logitsPerRow(head: HeadConfig): number {
  return head.kind === 'binary' ? 1 : head.classes.length;
}

/**
 * Checks that a task's logits hold one row per truth entry.
 * @throws {@link EvaluationError} `invalid-input` naming the task.
 */
export function checkTaskLogits(task: TaskLogits): void {
  const perRow = logitsPerRow(task.head);
  if (task.logits.length !== task.truth.length * perRow) {
    throw new EvaluationError({
      code: 'invalid-input',
      message: `task '${task.head.task}': logits must hold ${task.truth.length} rows × ${perRow} = ${task.truth.length * perRow} values, got ${task.logits.length}`,
      column: task.head.task,
    });
  }
}

/** Row `i`'s logits. */
export function rowLogits(task: TaskLogits, i: number): ArrayLike<number> {
  const perRow = logitsPerRow(task.head);
  return Array.from({ length: perRow }, (_, c) => task.logits[i * perRow + c]!);
}
