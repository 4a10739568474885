import type { MetricsDocument, TaskMetrics } from './metrics-document';
import { numpyMean, numpyStd } from './numpy-moments';

/** One metric over the folds of a cross-validation. */
export interface SummaryStatistic {
  /** `numpy.mean` of the defined values; `null` when no fold defines the metric. */
  mean: number | null;
  /** `numpy.std(values, ddof=1)` (sample SD) of the defined values; `null` under two of them. */
  sd: number | null;
  /** The value of each fold, in fold order (`null` where that fold's value is undefined). */
  values: (number | null)[];
}

/** Per task, per metric: mean, SD and the fold values (`metrics.json`'s `summary`). */
export type FoldSummary = Record<string, Record<string, SummaryStatistic>>;

/** The task-level metrics summarised, in the order the summary lists them. */
export const SUMMARY_METRICS = [
  'accuracy',
  'balanced_accuracy',
  'macro_f1',
  'cohen_kappa',
  'quadratic_kappa',
  'macro_auc',
] as const;

/** The per-class metrics summarised, as `per_class.<class>.<metric>`. */
export const SUMMARY_CLASS_METRICS = [
  'auc',
  'sensitivity',
  'specificity',
  'ppv',
  'npv',
  'f1',
] as const;

function statistic(values: (number | null)[]): SummaryStatistic {
  const defined = values.filter((value): value is number => value !== null);
  return {
    mean: defined.length === 0 ? null : numpyMean(defined),
    sd: defined.length < 2 ? null : numpyStd(defined, 1),
    values,
  };
}

/** The metric paths of a task: the task-level ones (quadratic κ only when ordinal), then per class. */
function metricPaths(
  task: TaskMetrics,
): { path: string; read: (t: TaskMetrics) => number | null }[] {
  const paths: { path: string; read: (t: TaskMetrics) => number | null }[] = SUMMARY_METRICS.filter(
    (metric) => metric !== 'quadratic_kappa' || task.ordinal,
  ).map((metric) => ({ path: metric, read: (t) => t[metric] }));
  for (const className of task.classes) {
    for (const metric of SUMMARY_CLASS_METRICS) {
      paths.push({
        path: `per_class.${className}.${metric}`,
        read: (t) => t.per_class[className]?.[metric] ?? null,
      });
    }
  }
  return paths;
}

/**
 * The spread of each metric over the folds of a cross-validation: for every task and metric,
 * the folds' values with their mean and **sample** standard deviation, computed as NumPy does
 * (`numpy.mean(v)`, `numpy.std(v, ddof=1)`, pairwise summation: equal to the last bit). A
 * fold whose value is undefined (`null`, e.g. an AUC with one class present) is listed as
 * `null` and left out of mean and SD. Metrics: accuracy, balanced accuracy, macro F1, Cohen's κ,
 * quadratic κ (ordinal tasks), macro AUC, and per class AUC, sensitivity, specificity, PPV, NPV
 * and F1 (`per_class.<class>.<metric>`). Tasks and classes are those of the first fold.
 * @param folds - each fold's metrics document, in fold order.
 * @example
 * ```ts
 * const summary = summariseFolds([fold0, fold1, fold2]);
 * summary.varus.balanced_accuracy; // { mean: 0.81, sd: 0.04, values: [0.78, 0.86, 0.79] }
 * ```
 */
export function summariseFolds(folds: readonly MetricsDocument[]): FoldSummary {
  const summary: FoldSummary = {};
  const first = folds[0];
  if (first === undefined) return summary;
  for (const [name, task] of Object.entries(first.tasks)) {
    const metrics: Record<string, SummaryStatistic> = {};
    for (const { path, read } of metricPaths(task)) {
      metrics[path] = statistic(
        folds.map((fold) => {
          const t = fold.tasks[name];
          return t === undefined ? null : read(t);
        }),
      );
    }
    summary[name] = metrics;
  }
  return summary;
}
