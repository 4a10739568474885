import { DEFAULT_LABEL_SPEC } from '@ct-fracture/labels';
import type { EvaluationTask } from './task-predictions';

/**
 * The tasks of the default label specification (`@ct-fracture/labels`' `DEFAULT_LABEL_SPEC`):
 * a predictions file's task with the same name and classes takes its kind and ordinal flag.
 */
export const DEFAULT_TASKS: readonly EvaluationTask[] = DEFAULT_LABEL_SPEC.tasks;

/**
 * The names of the default specification's ordinal tasks (quadratic-weighted kappa applies):
 * `shaft_translation` and `articular`.
 */
export const DEFAULT_ORDINAL_TASKS: readonly string[] = DEFAULT_TASKS.filter(
  (task) => task.ordinal === true,
).map((task) => task.name);
