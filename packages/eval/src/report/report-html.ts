import type { MetricsDocument, TaskMetrics } from '../metrics/metrics-document';
import type { PlacedFigure } from '../plots/evaluation-figures';
import type { PredictionTable } from '../task-predictions';
import { calibrationHtml, eceCell } from './calibration-html';
import { type CrossValidationContent, crossValidationSection } from './cross-validation-section';
import { dataUri, escapeHtml, formatValue, formatWithInterval, table } from './html-text';
import { REPORT_CSS } from './report-style';

/** A caller's own figure (e.g. a Grad-CAM overlay) to show in the report. */
export interface ExtraFigure {
  title: string;
  caption?: string;
  /** PNG bytes or SVG text (one of them). */
  png?: Uint8Array;
  svg?: string;
}

/** Everything {@link reportHtml} shows. */
export interface ReportContent {
  /** Page title (default "ct-fracture validation report"). */
  title?: string;
  predictions: PredictionTable;
  metrics: MetricsDocument;
  figures: readonly PlacedFigure[];
  /** Run / checkpoint configuration, shown as JSON. */
  config?: unknown;
  /** Free-form dataset facts (split, folder, scan count, …), shown as a table. */
  dataset?: Readonly<Record<string, unknown>>;
  extraFigures?: readonly ExtraFigure[];
  /** Warnings to show (e.g. skipped metrics.jsonl lines, T_pred disagreements). */
  notes?: readonly string[];
  /** When the report was made (default now). */
  generatedAt?: Date;
  /**
   * A cross-validation's folds and their spread: the predictions are then the pooled
   * out-of-fold ones, and a section after the summary shows mean ± SD over folds.
   */
  crossValidation?: CrossValidationContent;
}

function figureHtml(title: string, src: string, caption?: string): string {
  const text = caption === undefined ? '' : `<figcaption>${escapeHtml(caption)}</figcaption>`;
  return `<figure><img src="${src}" alt="${escapeHtml(title)}">${text}</figure>`;
}

function summaryTable(metrics: MetricsDocument): string {
  const rows = Object.entries(metrics.tasks).map(([name, t]) => [
    escapeHtml(name),
    `${t.kind}${t.ordinal ? ', ordinal' : ''}`,
    `${t.n}${t.missing > 0 ? ` <span class="ci">(+${t.missing} missing)</span>` : ''}`,
    formatWithInterval(t.accuracy, t.ci95.accuracy),
    formatWithInterval(t.balanced_accuracy, t.ci95.balanced_accuracy),
    formatWithInterval(t.macro_auc, t.ci95.macro_auc),
    formatValue(t.macro_f1),
    formatValue(t.cohen_kappa),
    t.ordinal ? formatValue(t.quadratic_kappa) : '<span class="ci">n/a</span>',
    eceCell(t),
  ]);
  return table(
    [
      'Task',
      'Kind',
      'n',
      'Accuracy (95% CI)',
      'Balanced accuracy (95% CI)',
      'Macro AUC (95% CI)',
      'Macro F1',
      "Cohen's κ",
      'Quadratic κ',
      Object.values(metrics.tasks).some((t) => t.temperature_scaling !== null)
        ? 'ECE (before → after scaling)'
        : 'ECE',
    ],
    rows,
    'summary',
  );
}

function datasetSection(content: ReportContent): string {
  const rows = content.predictions.tasks.map(({ task, truth }) => {
    const counts = task.classes.map(() => 0);
    let missing = 0;
    for (let i = 0; i < truth.length; i++) {
      const t = truth[i]!;
      if (t < 0) missing++;
      else counts[t]!++;
    }
    return [
      escapeHtml(task.name),
      task.classes.map((c, i) => `${escapeHtml(c)}: ${counts[i]}`).join(' · '),
      String(missing),
    ];
  });
  const facts = Object.entries(content.dataset ?? {}).map(([key, value]) => [
    escapeHtml(key),
    escapeHtml(typeof value === 'string' ? value : JSON.stringify(value)),
  ]);
  return [
    '<h2 id="dataset">Dataset</h2>',
    `<p class="small">${content.predictions.patientIds.length} scans. Class counts are of the true labels; rows with a missing label are left out of that task's metrics.</p>`,
    facts.length > 0 ? table(['Item', 'Value'], facts, 'facts') : '',
    table(['Task', 'Class counts (truth)', 'Missing labels'], rows, 'dataset'),
  ].join('\n');
}

function perClassTable(t: TaskMetrics): string {
  const rows = t.classes.map((name) => {
    const c = t.per_class[name]!;
    const ci = t.ci95.per_class[name];
    return [
      escapeHtml(name),
      String(c.support),
      String(t.predicted_counts[name] ?? 0),
      formatValue(c.auc),
      formatWithInterval(c.sensitivity, ci?.sensitivity ?? null),
      formatWithInterval(c.specificity, ci?.specificity ?? null),
      formatValue(c.ppv),
      formatValue(c.npv),
      formatValue(c.f1),
    ];
  });
  return table(
    [
      'Class',
      'Support',
      'Predicted',
      'AUC',
      'Sensitivity (95% CI)',
      'Specificity (95% CI)',
      'PPV',
      'NPV',
      'F1',
    ],
    rows,
  );
}

function taskSection(name: string, t: TaskMetrics, figures: readonly PlacedFigure[]): string {
  const parts = [
    `<section class="task" id="task-${escapeHtml(name)}">`,
    `<h2>${escapeHtml(name)}</h2>`,
    `<p class="small">${t.kind}${t.ordinal ? ', ordinal' : ''} · ${t.n} labelled rows${t.missing > 0 ? `, ${t.missing} missing` : ''} · classes: ${t.classes.map(escapeHtml).join(', ')}</p>`,
    table(
      ['Metric', 'Value (95% CI)'],
      [
        ['Accuracy', formatWithInterval(t.accuracy, t.ci95.accuracy)],
        ['Balanced accuracy', formatWithInterval(t.balanced_accuracy, t.ci95.balanced_accuracy)],
        ['Macro AUC', formatWithInterval(t.macro_auc, t.ci95.macro_auc)],
        ['Macro F1', formatValue(t.macro_f1)],
        ["Cohen's κ", formatValue(t.cohen_kappa)],
        ['Quadratic κ', t.ordinal ? formatValue(t.quadratic_kappa) : 'n/a (not ordinal)'],
        ['ECE (top-label, 10 bins)', eceCell(t)],
      ],
    ),
    '<h3>Per class (one-vs-rest)</h3>',
    perClassTable(t),
    calibrationHtml(t),
  ];
  if (t.operating_points !== null) {
    const op = t.operating_points;
    parts.push(
      '<h3>ROC operating points of these probabilities (positive class)</h3>',
      table(
        ['Threshold', 'Sensitivity', 'Specificity', "Youden's J"],
        [
          [
            t.chosen_operating_point === null ? '0.5 (prediction rule)' : '0.5',
            formatValue(op.at_0_5.sensitivity),
            formatValue(op.at_0_5.specificity),
            formatValue(op.at_0_5.youden_j),
          ],
          [
            `${op.youden.threshold.toPrecision(4)} (max Youden's J)`,
            formatValue(op.youden.sensitivity),
            formatValue(op.youden.specificity),
            formatValue(op.youden.youden_j),
          ],
        ],
      ),
    );
  }
  const reasons = Object.entries(t.undefined_reasons).filter(
    ([key]) => key !== 'quadratic_kappa' || t.ordinal,
  );
  if (reasons.length > 0) {
    parts.push(
      `<ul class="notes">${reasons.map(([key, why]) => `<li><b>${escapeHtml(key)}</b>: ${escapeHtml(why)}</li>`).join('')}</ul>`,
    );
  }
  parts.push(
    `<div class="figures">${figures.map((f) => figureHtml(f.title, dataUri('image/svg+xml', f.svg))).join('\n')}</div>`,
    '</section>',
  );
  return parts.join('\n');
}

/**
 * The validation report as one self-contained HTML page: inline CSS, figures as `data:` URIs
 * (SVG), no scripts and no network access. Sections: summary, cross-validation (when given:
 * mean ± SD over folds, the folds), dataset (class counts, missing labels), training curves, one
 * section per task (metric tables with 95 % CIs, calibration and the chosen operating point, ROC
 * operating points, reasons for undefined values, confusion matrix, ROC and reliability
 * figures), extra figures,
 * configuration.
 * @example
 * ```ts
 * const html = reportHtml({ predictions, metrics, figures: await renderEvaluationFigures(predictions, metrics) });
 * ```
 */
export function reportHtml(content: ReportContent): string {
  const title = content.title ?? 'ct-fracture validation report';
  const generated = (content.generatedAt ?? new Date()).toISOString();
  const { metrics, figures } = content;
  const training = figures.filter((f) => f.task === null);
  const boot = metrics.bootstrap;
  const sections = [
    '<h2 id="summary">Summary</h2>',
    summaryTable(metrics),
    `<p class="small">95% confidence intervals: ${boot.method}, ${boot.resamples} resamples (seed ${boot.seed}); rows resampled within each true class. Class metrics are those of the predicted classes: binary tasks predict the positive class when p ≥ 0.5, or at the checkpoint's operating point where it has one; multiclass tasks take the most probable class. AUC and calibration (ECE; before → after temperature scaling where applied) use the probabilities. Definitions follow scikit-learn; a ratio with a zero denominator is 0; undefined values are shown as —.</p>`,
    (content.notes ?? []).length > 0
      ? `<ul class="notes">${content.notes!.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`
      : '',
    content.crossValidation === undefined ? '' : crossValidationSection(content.crossValidation),
    datasetSection(content),
  ];
  if (training.length > 0) {
    sections.push(
      '<h2 id="training">Training curves</h2>',
      `<div class="figures">${training.map((f) => figureHtml(f.title, dataUri('image/svg+xml', f.svg))).join('\n')}</div>`,
    );
  }
  for (const [name, t] of Object.entries(metrics.tasks)) {
    sections.push(
      taskSection(
        name,
        t,
        figures.filter((f) => f.task === name),
      ),
    );
  }
  if ((content.extraFigures ?? []).length > 0) {
    const extra = content.extraFigures!.map((f) =>
      figureHtml(
        f.title,
        f.png !== undefined ? dataUri('image/png', f.png) : dataUri('image/svg+xml', f.svg ?? ''),
        f.caption,
      ),
    );
    sections.push(
      '<h2 id="figures">Further figures</h2>',
      `<div class="figures">${extra.join('\n')}</div>`,
    );
  }
  if (content.config !== undefined) {
    sections.push(
      '<h2 id="config">Run and checkpoint configuration</h2>',
      `<pre>${escapeHtml(JSON.stringify(content.config, null, 2))}</pre>`,
    );
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>Generated ${escapeHtml(generated)} · ${content.predictions.patientIds.length} scans · ${Object.keys(metrics.tasks).length} tasks</p></header>
<main>
${sections.filter((s) => s !== '').join('\n')}
</main>
</body>
</html>
`;
}
