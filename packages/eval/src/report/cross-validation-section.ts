import type { FoldSummary, SummaryStatistic } from '../metrics/fold-summary';
import type { MetricsDocument } from '../metrics/metrics-document';
import { escapeHtml, formatValue, table } from './html-text';

/** One fold of a cross-validation, as the report lists it. */
export interface ReportFold {
  /** The fold's name, e.g. `fold-3`. */
  name: string;
  /** Validation patients of the fold. */
  patients: number;
  /** The fold's metrics, or `null` when the fold has not finished. */
  metrics: MetricsDocument | null;
}

/** What a cross-validation report adds: the folds and the spread of their metrics. */
export interface CrossValidationContent {
  folds: readonly ReportFold[];
  /** {@link summariseFolds} of the finished folds. */
  summary: FoldSummary;
  /** Repetitions of the k folds (1 unless repeated). */
  repeats?: number;
}

const HEADLINE = [
  ['balanced_accuracy', 'Balanced accuracy'],
  ['accuracy', 'Accuracy'],
  ['macro_auc', 'Macro AUC'],
  ['macro_f1', 'Macro F1'],
  ['cohen_kappa', "Cohen's κ"],
  ['quadratic_kappa', 'Quadratic κ'],
] as const;

function meanSd(statistic: SummaryStatistic | undefined): string {
  if (statistic === undefined || statistic.mean === null) return '—';
  const sd = statistic.sd === null ? '' : ` ± ${statistic.sd.toFixed(3)}`;
  return `${statistic.mean.toFixed(3)}${sd}`;
}

/**
 * The report's cross-validation section: how many folds finished, a table of mean ± SD per task
 * and headline metric with every fold's value, and one row per fold (validation patients and
 * balanced accuracy per task).
 */
export function crossValidationSection(content: CrossValidationContent): string {
  const finished = content.folds.filter((fold) => fold.metrics !== null);
  const tasks = Object.keys(content.summary);
  const spread = tasks.flatMap((task) =>
    HEADLINE.filter(([metric]) => content.summary[task]![metric] !== undefined).map(
      ([metric, label]) => {
        const statistic = content.summary[task]![metric]!;
        return [
          escapeHtml(task),
          label,
          meanSd(statistic),
          `<span class="ci">${statistic.values.map((value) => formatValue(value)).join(' · ')}</span>`,
        ];
      },
    ),
  );
  const folds = content.folds.map((fold) => [
    escapeHtml(fold.name),
    String(fold.patients),
    fold.metrics === null ? 'not finished' : 'finished',
    ...tasks.map((task) => formatValue(fold.metrics?.tasks[task]?.balanced_accuracy)),
  ]);
  const repeats = content.repeats ?? 1;
  return [
    '<h2 id="cross-validation">Cross-validation</h2>',
    `<p class="small">${finished.length} of ${content.folds.length} folds finished${repeats > 1 ? ` (${repeats} repetitions)` : ''}. The summary above and the task sections below are the pooled out-of-fold predictions of the finished folds (each patient predicted by the model that did not train on it), with bootstrap confidence intervals. Below, the spread over folds: mean ± SD, the sample standard deviation (ddof = 1, as numpy.std(values, ddof=1)); undefined fold values (—) are left out.</p>`,
    table(['Task', 'Metric', 'Mean ± SD over folds', 'Fold values'], spread, 'cv-summary'),
    table(
      [
        'Fold',
        'Validation patients',
        'Status',
        ...tasks.map((task) => `${escapeHtml(task)} bal. acc.`),
      ],
      folds,
      'cv-folds',
    ),
  ].join('\n');
}
