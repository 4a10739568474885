import { type BootstrapOptions, bootstrapTask } from '../bootstrap/stratified-bootstrap';
import { type LabelledTask, prepareTask } from '../prepare-task';
import type { TaskPredictions } from '../task-predictions';
import { calibration } from './calibration';
import { cohenKappa } from './cohen-kappa';
import { confusionMatrix } from './confusion-matrix';
import {
  accuracyFromConfusion,
  balancedAccuracyFromConfusion,
  classRatios,
  macroF1FromConfusion,
} from './confusion-metrics';
import type { ClassMetrics, TaskMetrics } from './metrics-document';
import { operatingPoints } from './operating-points';
import { predictClasses } from './predict-classes';
import { type RankedClass, rankClass, weightedAuc } from './ranked-scores';

/** Options of {@link computeTaskMetrics}. */
export interface TaskMetricsOptions extends BootstrapOptions {
  /** Number of reliability bins (default 10). */
  calibrationBins?: number;
  /** Skip the bootstrap (all intervals `null`); for quick looks only. */
  skipBootstrap?: boolean;
}

function perClassAuc(
  labelled: LabelledTask,
  c: number,
  ranked: RankedClass,
  reasons: Record<string, string>,
) {
  const { task, truth, n } = labelled;
  const name = task.classes[c]!;
  const auc = weightedAuc(ranked);
  if (auc === null) {
    const support = truth.reduce((sum, t) => sum + (t === c ? 1 : 0), 0);
    reasons[`per_class.${name}.auc`] =
      n === 0
        ? 'no labelled rows'
        : support === 0
          ? `class '${name}' is absent from the truth (no positives)`
          : `every labelled row is '${name}' (no negatives)`;
  }
  return auc;
}

/**
 * Every metric of one task (DESIGN.md schema plus calibration, operating points and reasons):
 * accuracy, balanced accuracy, macro F1, Cohen's kappa (quadratic too for ordinal tasks),
 * per-class one-vs-rest AUC, sensitivity, specificity, PPV, NPV, F1, support, the confusion
 * matrix and stratified bootstrap intervals. Class metrics use the task's `predicted` classes
 * when given (e.g. `T_pred` at a tuned operating point), else threshold 0.5 / arg-max; AUC,
 * operating points and calibration use the probabilities. Rows with a missing label (`-1`) are
 * left out.
 * Definitions follow scikit-learn 1.2 (see the package README for each call).
 * @param predictions - the task, truth and probabilities.
 * @param options - bootstrap and calibration settings.
 * @throws {@link EvaluationError} `invalid-input` for inconsistent arrays or options.
 * @example
 * ```ts
 * const m = computeTaskMetrics({
 *   task: { name: 'varus', kind: 'binary', classes: ['no', 'yes'] },
 *   truth: [0, 1, 1, -1],
 *   probabilities: [0.2, 0.7, 0.4, 0.9], // p(yes) per row
 * });
 * m.accuracy; // 2 / 3
 * ```
 */
export function computeTaskMetrics(
  predictions: TaskPredictions,
  options: TaskMetricsOptions = {},
): TaskMetrics {
  const labelled = prepareTask(predictions);
  const { task, classCount: k, n, truth, predicted, probabilities } = labelled;
  const reasons: Record<string, string> = {};
  const matrix = confusionMatrix(truth, predicted, k);
  const perClass: Record<string, ClassMetrics> = {};
  const predictedCounts: Record<string, number> = {};
  let aucSum = 0;
  let aucCount = 0;
  const ranked = task.classes.map((_, c) => rankClass(probabilities, k, c, truth));
  task.classes.forEach((name, c) => {
    const auc = perClassAuc(labelled, c, ranked[c]!, reasons);
    if (auc !== null) {
      aucSum += auc;
      aucCount++;
    }
    perClass[name] = { auc, ...classRatios(matrix, c) };
    predictedCounts[name] = matrix.reduce((sum, row) => sum + row[c]!, 0);
  });
  if (n === 0) {
    for (const key of ['accuracy', 'balanced_accuracy', 'macro_f1', 'cohen_kappa']) {
      reasons[key] = 'no labelled rows';
    }
  }
  const macroAuc = aucCount === 0 ? null : aucSum / aucCount;
  if (macroAuc === null) reasons.macro_auc = 'no class has a defined AUC';
  else if (aucCount < k) {
    reasons.macro_auc = `mean of the ${aucCount} defined per-class AUCs of ${k} (undefined ones left out)`;
  }
  const kappa = cohenKappa(matrix, 'none');
  if (kappa === null && n > 0) {
    reasons.cohen_kappa = 'undefined: truth and predictions are all one and the same class';
  }
  const ordinal = task.ordinal ?? false;
  const quadratic = ordinal ? cohenKappa(matrix, 'quadratic') : null;
  if (!ordinal) reasons.quadratic_kappa = 'not computed: the task is not ordinal';
  else if (quadratic === null) {
    reasons.quadratic_kappa =
      n === 0 ? 'no labelled rows' : 'undefined: truth and predictions are all one class';
  }
  let points = null;
  if (task.kind === 'binary') {
    const scores = Float64Array.from({ length: n }, (_, i) => probabilities[i * 2 + 1]!);
    points = operatingPoints(truth, scores);
    if (points === null) reasons.operating_points = 'undefined: needs both classes in the truth';
  }
  const intervals = bootstrapTask(
    options.skipBootstrap ? { ...labelled, n: 0 } : labelled,
    options,
  );
  if (options.skipBootstrap) reasons.ci95 = 'bootstrap skipped';
  else if (n > 0) {
    task.classes.forEach((name) => {
      const support = perClass[name]!.support;
      if (support === 0)
        reasons[`ci95.per_class.${name}.sensitivity`] = `class '${name}' is absent from the truth`;
      if (support === n)
        reasons[`ci95.per_class.${name}.specificity`] = `every labelled row is '${name}'`;
    });
  }
  const bins = options.calibrationBins ?? 10;
  let chosen: TaskMetrics['chosen_operating_point'] = null;
  const op = predictions.operatingPoint;
  if (op !== undefined && task.kind === 'binary') {
    const positive = task.classes[1]!;
    chosen = {
      rule: op.rule,
      threshold: op.threshold,
      validation: { ...op.validation },
      sensitivity: perClass[positive]!.sensitivity,
      specificity: perClass[positive]!.specificity,
      ci95: {
        sensitivity: intervals.per_class[positive]?.sensitivity ?? null,
        specificity: intervals.per_class[positive]?.specificity ?? null,
      },
    };
  }
  let scaling: TaskMetrics['temperature_scaling'] = null;
  const temperature = predictions.temperatureScaling;
  if (temperature !== undefined) {
    const before = prepareTask({
      task,
      truth: predictions.truth,
      probabilities: temperature.uncalibrated,
    });
    const fitted = temperature.validation;
    scaling = {
      temperature: temperature.temperature,
      validation:
        fitted === undefined
          ? null
          : {
              n: fitted.n,
              nll_before: fitted.nllBefore,
              nll_after: fitted.nllAfter,
              ece_before: fitted.eceBefore,
              ece_after: fitted.eceAfter,
            },
      before: calibration(
        before.probabilities,
        before.truth,
        predictClasses(task.kind, before.probabilities, k),
        k,
        bins,
      ),
    };
  }
  return {
    n,
    classes: [...task.classes],
    accuracy: accuracyFromConfusion(matrix),
    balanced_accuracy: balancedAccuracyFromConfusion(matrix),
    macro_f1: macroF1FromConfusion(matrix),
    cohen_kappa: kappa,
    quadratic_kappa: quadratic,
    macro_auc: macroAuc,
    confusion_matrix: matrix,
    per_class: perClass,
    ci95: intervals,
    kind: task.kind,
    ordinal,
    missing: labelled.missing,
    predicted_counts: predictedCounts,
    operating_points: points,
    // Calibration is a property of the probabilities: their own top label, not T_pred.
    calibration: calibration(
      probabilities,
      truth,
      predictClasses(task.kind, probabilities, k),
      k,
      bins,
    ),
    chosen_operating_point: chosen,
    temperature_scaling: scaling,
    undefined_reasons: reasons,
  };
}
