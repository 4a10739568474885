import type { TaskDefinition } from '@ct-fracture/core';
import type { TaskCalibration, TaskOperatingPoint } from '@ct-fracture/densenet3d';

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
  /**
   * The predicted class index per row, as the classifier decided it (a predictions.csv's
   * `T_pred`, or a tuned operating point). Class metrics (accuracy, kappa, sensitivity, …) use
   * it as given; AUC and calibration use the probabilities. Default: derived from the
   * probabilities (binary `p(positive) >= 0.5`, multiclass arg-max).
   */
  readonly predicted?: ArrayLike<number>;
  /**
   * The operating point `predicted` was made at (a binary task's threshold from the
   * checkpoint), reported beside the sensitivity and specificity it gives on these rows.
   */
  readonly operatingPoint?: TaskOperatingPoint;
  /**
   * The temperature scaling `probabilities` went through: the temperature, where it was fitted,
   * and the probabilities before it (same layout), for reliability before and after.
   */
  readonly temperatureScaling?: {
    readonly temperature: number;
    readonly validation?: TaskCalibration['validation'];
    readonly uncalibrated: ArrayLike<number>;
  };
}

/** Predictions for a set of scans: one row per scan, every task over the same rows. */
export interface PredictionTable {
  /** One identifier per row (the predictions.csv `patient_id` column). */
  readonly patientIds: readonly string[];
  /** The tasks, in the order of the label specification. */
  readonly tasks: readonly TaskPredictions[];
}
