import type { TopLevelSpec } from 'vega-lite';

/**
 * A confusion-matrix figure: counts and row-normalised shares (each true class's row sums to
 * 100 %) side by side, class names on both axes in the task's order, every cell labelled.
 * @param task - task name (in the title).
 * @param classes - class names in the task's order.
 * @param matrix - `K × K`, rows = true class, columns = predicted class.
 * @example
 * ```ts
 * const spec = confusionMatrixSpec('varus', ['no', 'yes'], [[40, 3], [5, 12]]);
 * ```
 */
export function confusionMatrixSpec(
  task: string,
  classes: readonly string[],
  matrix: readonly (readonly number[])[],
): TopLevelSpec {
  const values = matrix.flatMap((row, t) => {
    const total = row.reduce((sum, v) => sum + v, 0);
    return row.map((count, p) => ({
      truth: classes[t]!,
      predicted: classes[p]!,
      count,
      share: total === 0 ? 0 : count / total,
      label: total === 0 ? '–' : `${(100 * (count / total)).toFixed(1)}%`,
    }));
  });
  const side = Math.max(160, 64 * classes.length);
  const axes = {
    x: {
      field: 'predicted',
      type: 'nominal',
      sort: [...classes],
      title: 'Predicted class',
      axis: { labelAngle: -30, grid: false },
    },
    y: {
      field: 'truth',
      type: 'nominal',
      sort: [...classes],
      title: 'True class',
      axis: { grid: false },
    },
  } as const;
  const panel = (field: 'count' | 'share', title: string, text: string, max: number) => ({
    title,
    width: side,
    height: side,
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          ...axes,
          color: {
            field,
            type: 'quantitative',
            title: field === 'count' ? 'Count' : 'Share of row',
            scale: { scheme: 'blues', domain: [0, max] },
            legend: field === 'share' ? { format: '.0%' } : {},
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 13 },
        encoding: {
          ...axes,
          text: { field: text, type: field === 'count' ? 'quantitative' : 'nominal' },
          color: {
            condition: { test: `datum.${field} > ${max * 0.55}`, value: 'white' },
            value: 'black',
          },
        },
      },
    ],
  });
  const maxCount = Math.max(1, ...values.map((v) => v.count));
  return {
    title: `Confusion matrix — ${task}`,
    data: { values },
    hconcat: [
      panel('count', 'Counts', 'count', maxCount),
      panel('share', 'Row-normalised (recall per true class)', 'label', 1),
    ],
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec;
}
