import type { TopLevelSpec } from 'vega-lite';
import type { MetricsDocument } from '../metrics/metrics-document';
import { rocCurve } from '../metrics/roc';
import { prepareTask } from '../prepare-task';
import type { PredictionTable } from '../task-predictions';
import type { TrainingHistory } from '../training-history';
import { confusionMatrixSpec } from './confusion-matrix-plot';
import { reliabilitySpec } from './reliability-plot';
import { type RenderedFigure, renderVegaLite } from './render-vega-lite';
import { type RocSeries, rocSpec } from './roc-plot';
import { lossCurveSpec, taskCurvesSpec } from './training-curves-plot';

/** A figure's place in the report: a task's section or the training section. */
export interface PlacedFigure extends RenderedFigure {
  /** The task it belongs to, or `null` for training curves. */
  task: string | null;
}

/** File-name-safe stem of a task name. */
function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, '-');
}

/**
 * The specifications of every standard figure: per task a confusion matrix (counts and
 * row-normalised), ROC curves (marking the chosen operating point) and a reliability diagram
 * (before and after temperature scaling when applied); from a training history the total
 * loss and per-task accuracy / balanced accuracy / AUC / loss curves (those it has).
 * @example
 * ```ts
 * const specs = evaluationFigureSpecs(table, computeMetrics(table));
 * ```
 */
export function evaluationFigureSpecs(
  predictions: PredictionTable,
  metrics: MetricsDocument,
  history?: TrainingHistory,
): { name: string; task: string | null; spec: TopLevelSpec }[] {
  const specs: { name: string; task: string | null; spec: TopLevelSpec }[] = [];
  if (history !== undefined) {
    const loss = lossCurveSpec(history.entries);
    if (loss !== null) specs.push({ name: 'training-loss', task: null, spec: loss });
    for (const metric of ['accuracy', 'balancedAccuracy', 'auc', 'loss'] as const) {
      const spec = taskCurvesSpec(history.entries, metric);
      const name = `training-task-${metric === 'balancedAccuracy' ? 'balanced-accuracy' : metric}`;
      if (spec !== null) specs.push({ name, task: null, spec });
    }
  }
  for (const taskPredictions of predictions.tasks) {
    const { task } = taskPredictions;
    const taskMetrics = metrics.tasks[task.name];
    if (taskMetrics === undefined) continue;
    const labelled = prepareTask(taskPredictions);
    const k = labelled.classCount;
    const classes = task.kind === 'binary' ? [1] : task.classes.map((_, c) => c);
    const series: RocSeries[] = classes.map((c) => {
      const name = task.classes[c]!;
      const scores = Float64Array.from(
        { length: labelled.n },
        (_, i) => labelled.probabilities[i * k + c]!,
      );
      return {
        className: task.kind === 'binary' ? `${name} vs ${task.classes[0]}` : name,
        auc: taskMetrics.per_class[name]!.auc,
        points: rocCurve(
          Uint8Array.from(labelled.truth, (t) => (t === c ? 1 : 0)),
          scores,
        ),
      };
    });
    const stem = slug(task.name);
    specs.push(
      {
        name: `confusion-matrix-${stem}`,
        task: task.name,
        spec: confusionMatrixSpec(task.name, task.classes, taskMetrics.confusion_matrix),
      },
      {
        name: `roc-${stem}`,
        task: task.name,
        spec: rocSpec(
          task.name,
          series,
          taskMetrics.operating_points,
          taskMetrics.chosen_operating_point,
        ),
      },
      {
        name: `reliability-${stem}`,
        task: task.name,
        spec: reliabilitySpec(
          task.name,
          taskMetrics.calibration,
          taskMetrics.temperature_scaling === null
            ? undefined
            : {
                calibration: taskMetrics.temperature_scaling.before,
                temperature: taskMetrics.temperature_scaling.temperature,
              },
        ),
      },
    );
  }
  return specs;
}

/**
 * Renders every standard figure (see {@link evaluationFigureSpecs}) to SVG and PNG.
 * @param pngScale - PNG pixels per SVG unit (default 2).
 * @example
 * ```ts
 * const figures = await renderEvaluationFigures(table, metrics, history);
 * figures[0]!.svg; // '<svg …'
 * ```
 */
export async function renderEvaluationFigures(
  predictions: PredictionTable,
  metrics: MetricsDocument,
  history?: TrainingHistory,
  pngScale = 2,
): Promise<PlacedFigure[]> {
  const figures: PlacedFigure[] = [];
  for (const { name, task, spec } of evaluationFigureSpecs(predictions, metrics, history)) {
    const { svg, png } = await renderVegaLite(spec, pngScale);
    figures.push({ name, task, title: String(spec.title ?? name), svg, png });
  }
  return figures;
}
