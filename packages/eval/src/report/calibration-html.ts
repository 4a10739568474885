import type { TaskMetrics } from '../metrics/metrics-document';
import { escapeHtml, formatValue, formatWithInterval, table } from './html-text';

/** A task's ECE for the summary: `before → after` when temperature-scaled. */
export function eceCell(t: TaskMetrics): string {
  const after = formatValue(t.calibration.ece);
  const scaling = t.temperature_scaling;
  return scaling === null ? after : `${formatValue(scaling.before.ece)} → ${after}`;
}

/**
 * A task's calibration and operating-point subsections: the temperature with the ECE before and
 * after, where it was fitted and on these scans; the chosen operating point's rule and threshold
 * with its sensitivity and specificity on the validation split beside those on these scans (95 %
 * CIs). Empty for a task with neither.
 */
export function calibrationHtml(t: TaskMetrics): string {
  const parts: string[] = [];
  const scaling = t.temperature_scaling;
  if (scaling !== null) {
    const fit = scaling.validation;
    parts.push(
      '<h3>Calibration (temperature scaling)</h3>',
      `<p class="small">Logits divided by T = ${scaling.temperature.toPrecision(4)} before the ${t.kind === 'binary' ? 'sigmoid' : 'softmax'}, fitted on the validation split by minimal negative log-likelihood (NLL, nats per scan); predicted classes are unchanged by it. ECE: top-label, 10 equal-width bins — on a few dozen scans it is noisy and need not fall where the NLL does.</p>`,
      table(
        ['', `Validation${fit === null ? '' : ` (n = ${fit.n})`}`, `These scans (n = ${t.n})`],
        [
          [
            'NLL before',
            fit === null ? '—' : formatValue(fit.nll_before),
            formatValue(scaling.before.nll),
          ],
          [
            'NLL after',
            fit === null ? '—' : formatValue(fit.nll_after),
            formatValue(t.calibration.nll),
          ],
          [
            'ECE before',
            fit === null ? '—' : formatValue(fit.ece_before),
            formatValue(scaling.before.ece),
          ],
          [
            'ECE after',
            fit === null ? '—' : formatValue(fit.ece_after),
            formatValue(t.calibration.ece),
          ],
        ],
      ),
    );
  }
  const chosen = t.chosen_operating_point;
  if (chosen !== null) {
    const positive = escapeHtml(t.classes[1] ?? '');
    parts.push(
      '<h3>Operating point</h3>',
      `<p class="small">Predicted '${positive}' when p(${positive}) ≥ ${chosen.threshold.toPrecision(4)}${scaling === null ? '' : ' (calibrated probability)'}, the threshold chosen on the validation split by the rule <b>${escapeHtml(chosen.rule)}</b>. The class metrics above are those of this threshold.</p>`,
      table(
        ['', `Validation (n = ${chosen.validation.n})`, `These scans (n = ${t.n}, 95% CI)`],
        [
          [
            'Sensitivity',
            formatValue(chosen.validation.sensitivity),
            formatWithInterval(chosen.sensitivity, chosen.ci95.sensitivity),
          ],
          [
            'Specificity',
            formatValue(chosen.validation.specificity),
            formatWithInterval(chosen.specificity, chosen.ci95.specificity),
          ],
        ],
      ),
    );
  }
  return parts.join('\n');
}
