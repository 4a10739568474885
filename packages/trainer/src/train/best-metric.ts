import type { EpochTaskMetrics } from './task-metrics';

/** Whether smaller values of a `training.bestMetric` are better (`loss*`). */
export function isLowerBetter(metric: string): boolean {
  return metric.startsWith('loss');
}

/**
 * The value of a `training.bestMetric` in validation metrics: `loss` (total), `mean_accuracy`,
 * `mean_balanced_accuracy`, or `loss:<task>`, `accuracy:<task>`, `balanced_accuracy:<task>`.
 * @throws {RangeError} for an unknown task.
 */
export function metricValue(
  metric: string,
  loss: number,
  tasks: Readonly<Record<string, EpochTaskMetrics>>,
): number {
  const all = Object.values(tasks);
  const mean = (values: number[]) =>
    values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
  if (metric === 'loss') return loss;
  if (metric === 'mean_accuracy') return mean(all.map((task) => task.accuracy));
  if (metric === 'mean_balanced_accuracy') return mean(all.map((task) => task.balanced_accuracy));
  const [kind, task] = metric.split(':') as [string, string];
  const values = tasks[task];
  if (values === undefined) {
    throw new RangeError(
      `training.bestMetric names task '${task}', which must be one of ${Object.keys(tasks).join(', ')}`,
    );
  }
  if (kind === 'loss') return values.loss;
  if (kind === 'accuracy') return values.accuracy;
  return values.balanced_accuracy;
}

/** Whether `value` improves on `best` by more than `minDelta`. */
export function improves(
  metric: string,
  value: number,
  best: number | null,
  minDelta = 0,
): boolean {
  if (!Number.isFinite(value)) return false;
  if (best === null) return true;
  return isLowerBetter(metric) ? value < best - minDelta : value > best + minDelta;
}
