import type { Interval } from '../bootstrap/stratified-bootstrap';
import type { MetricsDocument, TaskMetrics } from '../metrics/metrics-document';

function value(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : v.toFixed(3);
}

function interval(i: Interval | null | undefined): string {
  return i === null || i === undefined ? '' : `[${i.lower.toFixed(3)}, ${i.upper.toFixed(3)}]`;
}

/** Lays out rows as columns: the first left-aligned, the others right-aligned. */
function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  ')
        .trimEnd(),
  );
}

function taskText(name: string, t: TaskMetrics): string[] {
  const lines = [
    `${name}  (${t.kind}${t.ordinal ? ', ordinal' : ''}; n = ${t.n}${t.missing > 0 ? `, ${t.missing} missing` : ''})`,
    ...columns([
      ['accuracy', value(t.accuracy), interval(t.ci95.accuracy)],
      ['balanced accuracy', value(t.balanced_accuracy), interval(t.ci95.balanced_accuracy)],
      ['macro AUC', value(t.macro_auc), interval(t.ci95.macro_auc)],
      ['macro F1', value(t.macro_f1), ''],
      ["Cohen's kappa", value(t.cohen_kappa), ''],
      ...(t.ordinal ? [['quadratic kappa', value(t.quadratic_kappa), '']] : []),
      [
        'ECE (top-label)',
        t.temperature_scaling === null
          ? value(t.calibration.ece)
          : `${value(t.temperature_scaling.before.ece)} → ${value(t.calibration.ece)}`,
        t.temperature_scaling === null
          ? ''
          : `(temperature ${t.temperature_scaling.temperature.toPrecision(4)})`,
      ],
    ]),
    '',
    ...columns([
      [
        'class',
        'support',
        'AUC',
        'sensitivity',
        '95% CI',
        'specificity',
        '95% CI',
        'PPV',
        'NPV',
        'F1',
      ],
      ...t.classes.map((c) => {
        const m = t.per_class[c]!;
        const ci = t.ci95.per_class[c];
        return [
          c,
          String(m.support),
          value(m.auc),
          value(m.sensitivity),
          interval(ci?.sensitivity),
          value(m.specificity),
          interval(ci?.specificity),
          value(m.ppv),
          value(m.npv),
          value(m.f1),
        ];
      }),
    ]),
    '',
    '  confusion matrix (rows true, columns predicted):',
    ...columns(
      [
        ['', ...t.classes],
        ...t.confusion_matrix.map((row, i) => [t.classes[i]!, ...row.map(String)]),
      ],
      '    ',
    ),
  ];
  if (t.operating_points !== null) {
    const { at_0_5: half, youden } = t.operating_points;
    lines.push(
      '',
      `  operating points: threshold 0.5 → sensitivity ${value(half.sensitivity)}, specificity ${value(half.specificity)}; ` +
        `Youden's J at ${youden.threshold.toPrecision(4)} → sensitivity ${value(youden.sensitivity)}, specificity ${value(youden.specificity)}`,
    );
  }
  const chosen = t.chosen_operating_point;
  if (chosen !== null) {
    lines.push(
      `  chosen operating point: ${chosen.rule}, threshold ${chosen.threshold.toPrecision(4)} → ` +
        `sensitivity ${value(chosen.sensitivity)} ${interval(chosen.ci95.sensitivity)}, specificity ${value(chosen.specificity)} ${interval(chosen.ci95.specificity)} ` +
        `(validation, n = ${chosen.validation.n}: ${value(chosen.validation.sensitivity)}, ${value(chosen.validation.specificity)})`,
    );
  }
  const reasons = Object.entries(t.undefined_reasons).filter(
    ([key]) => key !== 'quadratic_kappa' || t.ordinal,
  );
  if (reasons.length > 0) lines.push('', ...reasons.map(([key, why]) => `  note: ${key}: ${why}`));
  return lines;
}

/**
 * The metrics document as a human-readable text table (what `ct-fracture metrics` prints without
 * `--json`): per task the headline metrics with 95 % CIs, the per-class table, the confusion
 * matrix, binary operating points and the reasons for undefined values.
 * @example
 * ```ts
 * process.stdout.write(formatMetricsText(computeMetrics(table)));
 * ```
 */
export function formatMetricsText(document: MetricsDocument): string {
  const blocks = Object.entries(document.tasks).map(([name, t]) => taskText(name, t).join('\n'));
  const { resamples, seed, confidence } = document.bootstrap;
  const footer =
    resamples > 0
      ? `${Math.round(confidence * 100)}% CIs: stratified percentile bootstrap, ${resamples} resamples, seed ${seed}.`
      : 'No confidence intervals (bootstrap skipped).';
  return `${blocks.join('\n\n')}\n\n${footer}\n`;
}
