import type { TaskDefinition } from '@ct-fracture/core';

/**
 * What the evaluation needs to know about a task: `@ct-fracture/core`'s task definition (name,
 * kind, classes — the subset of a `@ct-fracture/labels` task specification it reads) and
 * whether its classes are ordered.
 */
export interface EvaluationTask extends TaskDefinition {
  /** Ordered classes (quadratic-weighted kappa is reported). Default `false`. */
  readonly ordinal?: boolean;
}

/** Per-row truth and predicted probabilities for one task. */
export interface TaskPredictions {
  /** The task; its classes fix the column order of `probabilities`. */
  readonly task: EvaluationTask;
  /** True class index per row, `-1` when the label is missing (that row is left out of this task). */
  readonly truth: ArrayLike<number>;
  /**
   * Predicted probabilities, row-major `[N, K]` with `K = task.classes.length`
   * (binary: `[p(negative), p(positive)]` per row). A binary task may also give only the
   * positive-class probability, `[N]`; the negative column is then `1 - p`.
   */
  readonly probabilities: ArrayLike<number>;
}

/** Predictions for a set of scans: one row per scan, every task over the same rows. */
export interface PredictionTable {
  /** One identifier per row (the predictions.csv `patient_id` column). */
  readonly patientIds: readonly string[];
  /** The tasks, in the order of the label specification. */
  readonly tasks: readonly TaskPredictions[];
}
