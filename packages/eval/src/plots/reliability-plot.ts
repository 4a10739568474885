import type { TopLevelSpec } from 'vega-lite';
import type { Calibration } from '../metrics/calibration';

/**
 * A reliability diagram: observed accuracy per confidence bin (bars, labelled with the row
 * count), the mean confidence of each bin (points) and the perfect-calibration diagonal; with
 * `before`, two panels side by side: before and after temperature scaling.
 * @param task - task name (in the title, with the ECE).
 * @param calibration - from {@link calibration}.
 * @param before - the calibration of the probabilities before temperature scaling, and `T`.
 * @example
 * ```ts
 * const spec = reliabilitySpec('varus', metrics.tasks.varus.calibration);
 * ```
 */
export function reliabilitySpec(
  task: string,
  calibration: Calibration,
  before?: { calibration: Calibration; temperature: number },
): TopLevelSpec {
  if (before !== undefined) {
    const ece = (c: Calibration) => (c.ece === null ? 'undefined' : c.ece.toFixed(3));
    return {
      title: `Reliability — ${task}: ECE ${ece(before.calibration)} → ${ece(calibration)} (T = ${before.temperature.toPrecision(3)})`,
      hconcat: [
        { ...reliabilityPanel(before.calibration), title: 'before temperature scaling' },
        {
          ...reliabilityPanel(calibration),
          title: `after (logits / ${before.temperature.toPrecision(3)})`,
        },
      ],
    } as TopLevelSpec;
  }
  const ece = calibration.ece === null ? 'undefined' : calibration.ece.toFixed(3);
  return {
    title: `Reliability — ${task} (ECE ${ece})`,
    ...reliabilityPanel(calibration),
  } as TopLevelSpec;
}

function reliabilityPanel(calibration: Calibration) {
  const bins = calibration.bins
    .filter((bin) => bin.count > 0)
    .map((bin) => ({ ...bin, countLabel: `n=${bin.count}` }));
  const scale = { domain: [0, 1] };
  return {
    width: 300,
    height: 280,
    layer: [
      {
        data: {
          values: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
        },
        mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale },
          y: { field: 'y', type: 'quantitative', scale },
        },
      },
      {
        data: { values: bins },
        mark: { type: 'bar', color: '#4c78a8', opacity: 0.8, stroke: 'white' },
        encoding: {
          x: {
            field: 'lower',
            type: 'quantitative',
            scale,
            title: 'Confidence (probability of the predicted class)',
          },
          x2: { field: 'upper' },
          y: { field: 'accuracy', type: 'quantitative', scale, title: 'Observed accuracy' },
          y2: { datum: 0 },
        },
      },
      {
        data: { values: bins },
        mark: { type: 'text', dy: -8, fontSize: 10 },
        encoding: {
          x: { field: 'mean_confidence', type: 'quantitative', scale },
          y: { field: 'accuracy', type: 'quantitative', scale },
          text: { field: 'countLabel', type: 'nominal' },
        },
      },
      {
        data: { values: bins },
        mark: { type: 'point', filled: true, color: '#e45756', size: 50 },
        encoding: {
          x: { field: 'mean_confidence', type: 'quantitative', scale },
          y: { field: 'accuracy', type: 'quantitative', scale },
        },
      },
    ],
  };
}
