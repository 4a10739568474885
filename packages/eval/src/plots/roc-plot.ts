import type { TopLevelSpec } from 'vega-lite';
import type { ChosenOperatingPointMetrics } from '../metrics/metrics-document';
import type { OperatingPoints } from '../metrics/operating-points';
import type { RocPoint } from '../metrics/roc';

/** One class's ROC curve (one-vs-rest) with its AUC. */
export interface RocSeries {
  className: string;
  auc: number | null;
  points: readonly RocPoint[];
}

/** At most this many points per curve are drawn (the curve's corners, thinned evenly). */
const MAX_POINTS = 400;

function thin(points: readonly RocPoint[]): { fpr: number; tpr: number }[] {
  const corners = points.filter((point, i) => {
    const previous = points[i - 1];
    const next = points[i + 1];
    if (previous === undefined || next === undefined) return true;
    // Drop points in the middle of a straight segment (scikit-learn's drop_intermediate).
    return (
      (next.fpr - previous.fpr) * (point.tpr - previous.tpr) !==
      (point.fpr - previous.fpr) * (next.tpr - previous.tpr)
    );
  });
  const step = Math.ceil(corners.length / MAX_POINTS);
  return corners
    .filter((_, i) => i % step === 0 || i === corners.length - 1)
    .map(({ fpr, tpr }) => ({ fpr, tpr }));
}

/**
 * A ROC figure: one line per class (one-vs-rest; binary tasks draw the positive class), the
 * chance diagonal, and for binary tasks the operating points at threshold 0.5, at Youden's J,
 * and the chosen operating point the predictions were made at (a red diamond).
 * @param task - task name (in the title).
 * @param series - the curves to draw, legend labelled with each AUC.
 * @param points - a binary task's operating points, or `null`.
 * @param chosen - the checkpoint's operating point with its values on these rows, or `null`.
 * @example
 * ```ts
 * const spec = rocSpec('varus', [{ className: 'yes', auc: 0.91, points: rocCurve(truth, scores) }], null);
 * ```
 */
export function rocSpec(
  task: string,
  series: readonly RocSeries[],
  points: OperatingPoints | null,
  chosen: ChosenOperatingPointMetrics | null = null,
): TopLevelSpec {
  const label = ({ className, auc }: RocSeries) =>
    `${className} (AUC ${auc === null ? 'undefined' : auc.toFixed(3)})`;
  const lines = series.flatMap((s) =>
    thin(s.points).map((point, order) => ({ ...point, label: label(s), order })),
  );
  const operating =
    points === null
      ? []
      : [
          { ...points.at_0_5, name: 'threshold 0.5' },
          {
            ...points.youden,
            name: `Youden's J (threshold ${points.youden.threshold.toPrecision(3)})`,
          },
        ].map((p) => ({ fpr: 1 - p.specificity, tpr: p.sensitivity, name: p.name }));
  const marked =
    chosen === null
      ? []
      : [
          {
            fpr: 1 - chosen.specificity,
            tpr: chosen.sensitivity,
            name: `${chosen.rule} (threshold ${chosen.threshold.toPrecision(3)})`,
          },
        ];
  const scale = { domain: [0, 1] };
  return {
    title: `ROC curves — ${task}`,
    width: 340,
    height: 340,
    layer: [
      {
        data: {
          values: [
            { fpr: 0, tpr: 0 },
            { fpr: 1, tpr: 1 },
          ],
        },
        mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
        encoding: {
          x: { field: 'fpr', type: 'quantitative', scale },
          y: { field: 'tpr', type: 'quantitative', scale },
        },
      },
      {
        data: { values: lines },
        mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' },
        encoding: {
          x: {
            field: 'fpr',
            type: 'quantitative',
            scale,
            title: 'False positive rate (1 − specificity)',
          },
          y: {
            field: 'tpr',
            type: 'quantitative',
            scale,
            title: 'True positive rate (sensitivity)',
          },
          color: {
            field: 'label',
            type: 'nominal',
            title: 'Class (one-vs-rest)',
            sort: series.map(label), // the task's class order, not alphabetical
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      ...(operating.length === 0
        ? []
        : [
            {
              data: { values: operating },
              mark: { type: 'point', filled: true, size: 90, color: 'black' },
              encoding: {
                x: { field: 'fpr', type: 'quantitative', scale },
                y: { field: 'tpr', type: 'quantitative', scale },
                shape: { field: 'name', type: 'nominal', title: 'Operating point' },
              },
            },
          ]),
      ...(marked.length === 0
        ? []
        : [
            {
              data: { values: marked },
              mark: {
                type: 'point',
                shape: 'diamond',
                filled: true,
                size: 160,
                color: '#d62728',
                stroke: 'black',
              },
              encoding: {
                x: { field: 'fpr', type: 'quantitative', scale },
                y: { field: 'tpr', type: 'quantitative', scale },
                fill: {
                  field: 'name',
                  type: 'nominal',
                  title: 'Predictions made at',
                  scale: { range: ['#d62728'] },
                  legend: { labelLimit: 400 },
                },
              },
            },
          ]),
    ],
    resolve: { scale: { color: 'independent', shape: 'independent', fill: 'independent' } },
  } as TopLevelSpec;
}
