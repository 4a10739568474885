import { EvaluationError } from '../errors/evaluation-error';
import type { PredictionTable, TaskPredictions } from '../task-predictions';
import type { MetricsDocument, TaskMetrics } from './metrics-document';
import { computeTaskMetrics, type TaskMetricsOptions } from './task-metrics';

/**
 * The metrics document of every task (DESIGN.md's metrics JSON): per task
 * {@link computeTaskMetrics}, plus how the bootstrap ran.
 * @param predictions - a {@link PredictionTable} or a list of tasks over the same rows.
 * @param options - bootstrap (resamples default 1000, seed default 0, confidence 0.95) and
 * calibration settings.
 * @throws {@link EvaluationError} `invalid-input` for duplicate task names, tasks with different
 * row counts, or bad arrays/options.
 * @example
 * ```ts
 * const doc = computeMetrics([
 *   { task: { name: 'varus', kind: 'binary', classes: ['no', 'yes'] }, truth: [0, 1], probabilities: [0.3, 0.8] },
 * ], { seed: 7 });
 * JSON.stringify(doc); // {"tasks":{"varus":{"n":2,…}},"bootstrap":{…}}
 * ```
 */
export function computeMetrics(
  predictions: PredictionTable | readonly TaskPredictions[],
  options: TaskMetricsOptions = {},
): MetricsDocument {
  const tasks = 'tasks' in predictions ? predictions.tasks : predictions;
  const rows = 'patientIds' in predictions ? predictions.patientIds.length : undefined;
  const result: Record<string, TaskMetrics> = {};
  for (const taskPredictions of tasks) {
    const name = taskPredictions.task.name;
    if (Object.hasOwn(result, name)) {
      throw new EvaluationError({
        code: 'invalid-input',
        message: `task names must be unique, got '${name}' twice`,
        value: name,
      });
    }
    const expectedRows = rows ?? tasks[0]!.truth.length;
    if (taskPredictions.truth.length !== expectedRows) {
      throw new EvaluationError({
        code: 'invalid-input',
        message: `every task must cover the same ${expectedRows} rows, got ${taskPredictions.truth.length} for task '${name}'`,
        column: name,
      });
    }
    result[name] = computeTaskMetrics(taskPredictions, options);
  }
  return {
    tasks: result,
    bootstrap: {
      method: 'stratified percentile bootstrap',
      resamples: options.skipBootstrap ? 0 : (options.resamples ?? 1000),
      seed: options.seed ?? 0,
      confidence: options.confidence ?? 0.95,
    },
  };
}
