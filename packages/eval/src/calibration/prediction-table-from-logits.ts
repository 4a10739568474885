import { type CheckpointCalibration, classifyLogits, taskDecision } from '@ct-fracture/densenet3d';
import { EvaluationError } from '../errors/evaluation-error';
import type { PredictionTable, TaskPredictions } from '../task-predictions';
import { checkTaskLogits, rowLogits, type TaskLogits } from './task-logits';

/** Raw model outputs of every task over the same scans. */
export interface LogitsTable {
  /** One identifier per row (predictions.csv `patient_id`). */
  readonly patientIds: readonly string[];
  /** Per task its logits and labels; `ordinal` marks ordered classes (quadratic kappa). */
  readonly tasks: readonly (TaskLogits & { readonly ordinal?: boolean })[];
}

/** Options of {@link predictionTableFromLogits}. */
export interface PredictionTableOptions {
  /**
   * Apply the temperatures (default true). `false` gives the raw probabilities; the predicted
   * classes stay those of the operating points either way.
   */
  calibrated?: boolean;
}

/**
 * Turns logits into the prediction table the metrics and report read, with a checkpoint's
 * calibration applied per row by `classifyLogits` of `@ct-fracture/densenet3d` (the rule
 * predict, explain and the viewer use): probabilities after temperature scaling, the predicted
 * class at the task's operating point, and — for the report — the operating point and the
 * probabilities before scaling.
 * @param table - patient ids and per-task logits and labels.
 * @param calibration - the checkpoint's `calibration` / `operatingPoints` (`{}`: none).
 * @param options - `calibrated: false` reports the raw probabilities.
 * @throws {@link EvaluationError} `invalid-input` when a task's labels or logits do not match
 * the patient ids.
 * @example
 * ```ts
 * const predictions = predictionTableFromLogits({ patientIds, tasks }, metadata);
 * await writeEvaluation('out', { predictions });
 * ```
 */
export function predictionTableFromLogits(
  table: LogitsTable,
  calibration: CheckpointCalibration,
  options: PredictionTableOptions = {},
): PredictionTable {
  const calibrated = options.calibrated ?? true;
  const tasks = table.tasks.map((task): TaskPredictions => {
    checkTaskLogits(task);
    const { head, truth } = task;
    if (truth.length !== table.patientIds.length) {
      throw new EvaluationError({
        code: 'invalid-input',
        message: `task '${head.task}' must have one label per patient id (${table.patientIds.length}), got ${truth.length}`,
        column: head.task,
      });
    }
    const k = head.classes.length;
    const rows = truth.length;
    const decision = taskDecision(calibration, head.task);
    const probabilities = new Float64Array(rows * k);
    const uncalibrated = new Float64Array(rows * k);
    const predicted = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      const out = classifyLogits(head, rowLogits(task, i), decision);
      probabilities.set(out.probabilities, i * k);
      uncalibrated.set(out.uncalibrated, i * k);
      predicted[i] = out.classIndex;
    }
    const fitted = calibration.calibration?.[head.task];
    const point = calibration.operatingPoints?.[head.task];
    return {
      task: {
        name: head.task,
        kind: head.kind,
        classes: [...head.classes],
        ordinal: task.ordinal ?? false,
      },
      truth,
      probabilities: calibrated ? probabilities : uncalibrated,
      predicted,
      ...(point === undefined ? {} : { operatingPoint: point }),
      ...(calibrated && fitted !== undefined
        ? {
            temperatureScaling: {
              temperature: fitted.temperature,
              validation: fitted.validation,
              uncalibrated,
            },
          }
        : {}),
    };
  });
  return { patientIds: table.patientIds, tasks };
}
