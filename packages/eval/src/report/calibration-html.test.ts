import type { HeadConfig } from '@ct-fracture/densenet3d';
import { describe, expect, it } from 'vitest';
import { predictionTableFromLogits } from '../calibration/prediction-table-from-logits';
import { computeMetrics } from '../metrics/compute-metrics';
import { formatMetricsText } from './metrics-text';
import { reportHtml } from './report-html';

const VARUS: HeadConfig = { task: 'varus', kind: 'binary', classes: ['no', 'yes'] };
const CALIBRATION = {
  calibration: {
    varus: {
      temperature: 0.5,
      validation: { n: 40, nllBefore: 0.6, nllAfter: 0.5, eceBefore: 0.21, eceAfter: 0.06 },
    },
  },
  operatingPoints: {
    varus: {
      threshold: 0.3,
      rule: 'sensitivity:0.95',
      validation: { n: 40, sensitivity: 0.95, specificity: 0.62 },
    },
  },
};
const LOGITS = [-1.2, -0.6, -0.2, 0.1, -0.5, 0.4, 0.9, -0.1, 1.5, -2];
const TRUTH = [0, 0, 1, 0, 1, 1, 1, 0, 1, 0];
const table = (calibration: typeof CALIBRATION | Record<string, never>) =>
  predictionTableFromLogits(
    {
      patientIds: TRUTH.map((_, i) => `p${i}`),
      tasks: [{ head: VARUS, logits: LOGITS, truth: TRUTH }],
    },
    calibration,
  );

describe('calibration in the report', () => {
  it('shows the temperature, ECE before → after and the operating point beside validation', () => {
    const predictions = table(CALIBRATION);
    const metrics = computeMetrics(predictions, { resamples: 200, seed: 1 });
    const varus = metrics.tasks.varus!;
    // σ(z / 0.5) ≥ 0.3 ⇔ z ≥ 0.5 · logit(0.3) = −0.424: rows with z ≥ −0.42 are 'yes'.
    expect(varus.predicted_counts).toEqual({ no: 4, yes: 6 });
    expect(varus.chosen_operating_point).toMatchObject({
      rule: 'sensitivity:0.95',
      threshold: 0.3,
      validation: { n: 40, sensitivity: 0.95, specificity: 0.62 },
      sensitivity: varus.per_class.yes!.sensitivity,
      specificity: varus.per_class.yes!.specificity,
    });
    expect(varus.chosen_operating_point!.ci95.sensitivity).toEqual(
      varus.ci95.per_class.yes!.sensitivity,
    );
    expect(varus.temperature_scaling).toMatchObject({
      temperature: 0.5,
      validation: { n: 40, ece_before: 0.21, ece_after: 0.06 },
    });
    const html = reportHtml({ predictions, metrics, figures: [] });
    expect(html).toContain('<h3>Calibration (temperature scaling)</h3>');
    expect(html).toContain('Logits divided by T = 0.5000 before the sigmoid');
    expect(html).toContain('<td>ECE before</td><td>0.210</td>');
    expect(html).toContain(
      `<td>NLL after</td><td>0.500</td><td>${varus.calibration.nll!.toFixed(3)}</td>`,
    );
    expect(varus.calibration.nll!).toBeLessThan(varus.temperature_scaling!.before.nll!);
    expect(html).toContain(
      `<td>ECE after</td><td>0.060</td><td>${varus.calibration.ece!.toFixed(3)}</td>`,
    );
    expect(html).toContain('<h3>Operating point</h3>');
    expect(html).toContain('the rule <b>sensitivity:0.95</b>');
    expect(html).toContain(
      `<td>Sensitivity</td><td>0.950</td><td>${varus.per_class.yes!.sensitivity.toFixed(3)}`,
    );
    expect(html).toContain('ECE (before → after scaling)');
    const text = formatMetricsText(metrics);
    expect(text).toMatch(
      /chosen operating point: sensitivity:0\.95, threshold 0\.3000 → sensitivity \d\.\d{3} \[/,
    );
    expect(text).toMatch(/ECE \(top-label\) +\d\.\d{3} → \d\.\d{3} +\(temperature 0\.5000\)/);
  });

  it('shows neither for predictions without calibration', () => {
    const predictions = table({});
    const metrics = computeMetrics(predictions, { resamples: 100 });
    expect(metrics.tasks.varus!.chosen_operating_point).toBeNull();
    expect(metrics.tasks.varus!.temperature_scaling).toBeNull();
    const html = reportHtml({ predictions, metrics, figures: [] });
    expect(html).not.toContain('Calibration (temperature scaling)');
    expect(html).not.toContain('<h3>Operating point</h3>');
    expect(html).toContain('0.5 (prediction rule)');
  });
});
