import { EvaluationError } from './errors/evaluation-error';
import { predictClasses } from './metrics/predict-classes';
import type { EvaluationTask, TaskPredictions } from './task-predictions';

/** One task's rows with a label, in flat typed arrays: what every metric reads. */
export interface LabelledTask {
  readonly task: EvaluationTask;
  /** `K`, the number of classes. */
  readonly classCount: number;
  /** Rows with a label. */
  readonly n: number;
  /** Rows whose label is missing (left out). */
  readonly missing: number;
  /** True class index per labelled row. */
  readonly truth: Int32Array;
  /** Predicted class index per labelled row: as given, else threshold 0.5 / arg-max. */
  readonly predicted: Int32Array;
  /** Whether `predicted` was given (`TaskPredictions.predicted`) rather than derived. */
  readonly predictedGiven: boolean;
  /** Row-major `[n, K]` probabilities of the labelled rows. */
  readonly probabilities: Float64Array;
}

function invalid(task: string, message: string, value?: unknown): EvaluationError {
  return new EvaluationError({
    code: 'invalid-input',
    message: `task '${task}': ${message}`,
    column: task,
    value: value === undefined ? undefined : String(value),
  });
}

/**
 * Checks a task's arrays and keeps the labelled rows.
 * @throws {@link EvaluationError} `invalid-input` when the task has fewer than two classes, a
 * binary task has other than two, the array lengths disagree, a truth index is not an integer in
 * `[-1, K)`, a given predicted class is not an integer in `[0, K)`, or a probability is not a
 * finite number in `[0, 1]`.
 */
export function prepareTask(predictions: TaskPredictions): LabelledTask {
  const { task, truth, probabilities } = predictions;
  const k = task.classes.length;
  if (k < 2) throw invalid(task.name, `a task needs at least 2 classes, got ${k}`);
  if (task.kind === 'binary' && k !== 2) {
    throw invalid(task.name, `a binary task must have exactly 2 classes, got ${k}`);
  }
  const rows = truth.length;
  let full: ArrayLike<number> = probabilities;
  if (task.kind === 'binary' && probabilities.length === rows && rows > 0) {
    const expanded = new Float64Array(rows * 2);
    for (let i = 0; i < rows; i++) {
      const p = probabilities[i]!;
      if (!(p >= 0 && p <= 1)) {
        throw invalid(
          task.name,
          `probabilities must be numbers in [0, 1], got ${p} at row ${i}`,
          p,
        );
      }
      expanded[i * 2] = 1 - p;
      expanded[i * 2 + 1] = p;
    }
    full = expanded;
  }
  if (full.length !== rows * k) {
    throw invalid(
      task.name,
      `probabilities must hold ${rows} rows × ${k} classes = ${rows * k} values, got ${probabilities.length}`,
    );
  }
  let n = 0;
  for (let i = 0; i < rows; i++) {
    const t = truth[i]!;
    if (!Number.isInteger(t) || t < -1 || t >= k) {
      throw invalid(
        task.name,
        `truth must be a class index in [-1, ${k}), got ${t} at row ${i}`,
        t,
      );
    }
    if (t >= 0) n++;
  }
  if (predictions.operatingPoint !== undefined && task.kind !== 'binary') {
    throw invalid(task.name, 'an operating point needs a binary task, got a multiclass one');
  }
  const given = predictions.predicted;
  if (given !== undefined) {
    if (given.length !== rows) {
      throw invalid(
        task.name,
        `predicted must hold one class per row (${rows}), got ${given.length}`,
      );
    }
    for (let i = 0; i < rows; i++) {
      const c = given[i]!;
      if (!Number.isInteger(c) || c < 0 || c >= k) {
        throw invalid(
          task.name,
          `predicted must be a class index in [0, ${k}), got ${c} at row ${i}`,
          c,
        );
      }
    }
  }
  const labelledTruth = new Int32Array(n);
  const labelledPredicted = new Int32Array(n);
  const labelledProbabilities = new Float64Array(n * k);
  let j = 0;
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < k; c++) {
      const p = full[i * k + c]!;
      if (!(p >= 0 && p <= 1)) {
        throw invalid(
          task.name,
          `probabilities must be numbers in [0, 1], got ${p} at row ${i}`,
          p,
        );
      }
    }
    const t = truth[i]!;
    if (t < 0) continue;
    labelledTruth[j] = t;
    if (given !== undefined) labelledPredicted[j] = given[i]!;
    for (let c = 0; c < k; c++) labelledProbabilities[j * k + c] = full[i * k + c]!;
    j++;
  }
  return {
    task,
    classCount: k,
    n,
    missing: rows - n,
    truth: labelledTruth,
    predicted:
      given === undefined ? predictClasses(task.kind, labelledProbabilities, k) : labelledPredicted,
    predictedGiven: given !== undefined,
    probabilities: labelledProbabilities,
  };
}
