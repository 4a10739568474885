import type { TopLevelSpec } from 'vega-lite';
import type { Calibration } from '../metrics/calibration';

/**
 * A reliability diagram: observed accuracy per confidence bin (bars, labelled with the row
 * count), the mean confidence of each bin (points) and the perfect-calibration diagonal.
 * @param task - task name (in the title, with the ECE).
 * @param calibration - from {@link calibration}.
 * @example
 * ```ts
 * const spec = reliabilitySpec('varus', metrics.tasks.varus.calibration);
 * ```
 */
export function reliabilitySpec(task: string, calibration: Calibration): TopLevelSpec {
  const bins = calibration.bins
    .filter((bin) => bin.count > 0)
    .map((bin) => ({ ...bin, countLabel: `n=${bin.count}` }));
  const ece = calibration.ece === null ? 'undefined' : calibration.ece.toFixed(3);
  const scale = { domain: [0, 1] };
  return {
    title: `Reliability — ${task} (ECE ${ece})`,
    width: 340,
    height: 300,
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
  } as TopLevelSpec;
}
