import type { TopLevelSpec } from 'vega-lite';
import type { HistoryEntry } from '../training-history';

type TaskMetric = 'loss' | 'accuracy' | 'balancedAccuracy' | 'auc';

const TITLES: Record<TaskMetric, string> = {
  loss: 'Loss',
  accuracy: 'Accuracy',
  balancedAccuracy: 'Balanced accuracy',
  auc: 'AUC',
};

const SPLIT_COLOURS = { domain: ['train', 'validation'], range: ['#4c78a8', '#f58518'] };

/**
 * The total loss over epochs, one line per split (train, validation).
 * @returns the spec, or `null` when no entry has a loss.
 * @example
 * ```ts
 * const spec = lossCurveSpec(parseTrainingHistory(text).entries);
 * ```
 */
export function lossCurveSpec(entries: readonly HistoryEntry[]): TopLevelSpec | null {
  const values = entries
    .filter((entry) => entry.loss !== null)
    .map((entry) => ({ epoch: entry.epoch, split: entry.split, loss: entry.loss }));
  if (values.length === 0) return null;
  return {
    title: 'Training curves — total loss',
    width: 520,
    height: 260,
    data: { values },
    mark: { type: 'line', point: true, strokeWidth: 2 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'Epoch', axis: { tickMinStep: 1 } },
      y: { field: 'loss', type: 'quantitative', title: 'Loss', scale: { zero: false } },
      color: { field: 'split', type: 'nominal', title: 'Split', scale: SPLIT_COLOURS },
    },
  } as TopLevelSpec;
}

/**
 * One per-task metric over epochs: a small panel per task, one line per split.
 * @param metric - which per-task number to draw.
 * @returns the spec, or `null` when no entry has that metric.
 * @example
 * ```ts
 * const spec = taskCurvesSpec(entries, 'accuracy');
 * ```
 */
export function taskCurvesSpec(
  entries: readonly HistoryEntry[],
  metric: TaskMetric,
): TopLevelSpec | null {
  const values = entries.flatMap((entry) =>
    Object.entries(entry.tasks)
      .filter(([, metrics]) => metrics[metric] !== null)
      .map(([task, metrics]) => ({
        epoch: entry.epoch,
        split: entry.split,
        task,
        value: metrics[metric],
      })),
  );
  if (values.length === 0) return null;
  const taskOrder = [...new Set(values.map((v) => v.task))];
  return {
    title: `Training curves — per-task ${TITLES[metric].toLowerCase()}`,
    data: { values },
    columns: 3,
    facet: { field: 'task', type: 'nominal', title: null, sort: taskOrder },
    spec: {
      width: 220,
      height: 150,
      mark: { type: 'line', point: true, strokeWidth: 2 },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', title: 'Epoch', axis: { tickMinStep: 1 } },
        y: {
          field: 'value',
          type: 'quantitative',
          title: TITLES[metric],
          scale: metric === 'loss' ? { zero: false } : { domain: [0, 1] },
        },
        color: { field: 'split', type: 'nominal', title: 'Split', scale: SPLIT_COLOURS },
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
