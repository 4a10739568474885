import { EvaluationError } from '../errors/evaluation-error';
import {
  accuracyFromConfusion,
  balancedAccuracyFromConfusion,
  type ConfusionMatrix,
  classRatios,
} from '../metrics/confusion-metrics';
import { type RankedScores, rankScores, weightedAuc } from '../metrics/ranked-scores';
import type { LabelledTask } from '../prepare-task';
import { quantileInPlace } from './percentile';
import { createRandom, streamSeed } from './random';

/** How to bootstrap. */
export interface BootstrapOptions {
  /** Number of resamples (default 1000; at least 100). */
  resamples?: number;
  /** Seed of the resampling (default 0); each task draws from its own stream of this seed. */
  seed?: number;
  /** Two-sided confidence level (default 0.95). */
  confidence?: number;
}

/** A percentile confidence interval. */
export interface Interval {
  lower: number;
  upper: number;
}

/** Bootstrap confidence intervals of one task; `null` where the statistic is undefined. */
export interface TaskIntervals {
  accuracy: Interval | null;
  balanced_accuracy: Interval | null;
  macro_auc: Interval | null;
  per_class: Record<string, { sensitivity: Interval | null; specificity: Interval | null }>;
}

/** The statistics of one resample, given its confusion matrix and per-class AUCs. */
export interface ResampleStatistics {
  accuracy: number;
  balancedAccuracy: number;
  macroAuc: number;
  sensitivity: number[];
  specificity: number[];
}

/**
 * The bootstrapped statistics from a resample's confusion matrix and its AUCs of the classes
 * whose AUC is defined (`NaN` for the others): shared by the fast path and by tests.
 */
export function resampleStatistics(
  matrix: ConfusionMatrix,
  aucs: readonly number[],
): ResampleStatistics {
  let aucSum = 0;
  let aucCount = 0;
  for (const auc of aucs) {
    if (Number.isNaN(auc)) continue;
    aucSum += auc;
    aucCount++;
  }
  const ratios = matrix.map((_, c) => classRatios(matrix, c));
  return {
    accuracy: accuracyFromConfusion(matrix) ?? Number.NaN,
    balancedAccuracy: balancedAccuracyFromConfusion(matrix) ?? Number.NaN,
    macroAuc: aucCount === 0 ? Number.NaN : aucSum / aucCount,
    sensitivity: ratios.map((r) => r.sensitivity),
    specificity: ratios.map((r) => r.specificity),
  };
}

/**
 * The row indices of each resample of a stratified bootstrap (rows resampled with replacement
 * within each true class, keeping the class counts), calling `visit(stratum, row)` for each draw.
 * Exposed so that tests can recompute every resample the slow way from the same draws.
 */
export function drawStratified(
  truth: Int32Array,
  classCount: number,
  seed: number,
  resamples: number,
  visit: (resample: number, stratum: number, row: number) => void,
): void {
  const counts = new Int32Array(classCount);
  for (const t of truth) counts[t]!++;
  const starts = new Int32Array(classCount + 1);
  for (let c = 0; c < classCount; c++) starts[c + 1] = starts[c]! + counts[c]!;
  const rows = new Int32Array(truth.length);
  const filled = starts.slice(0, classCount);
  for (let i = 0; i < truth.length; i++) rows[filled[truth[i]!]!++] = i;
  const random = createRandom(seed);
  for (let r = 0; r < resamples; r++) {
    for (let c = 0; c < classCount; c++) {
      const start = starts[c]!;
      const size = counts[c]!;
      for (let j = 0; j < size; j++) visit(r, c, rows[start + Math.floor(random() * size)]!);
    }
  }
}

function interval(values: Float64Array, confidence: number): Interval | null {
  if (values.some(Number.isNaN)) return null;
  const alpha = (1 - confidence) / 2;
  return { lower: quantileInPlace(values, alpha), upper: quantileInPlace(values, 1 - alpha) };
}

/**
 * Stratified bootstrap percentile confidence intervals of accuracy, balanced accuracy, macro AUC
 * and per-class sensitivity/specificity. Each resample redraws every true class's rows with
 * replacement (class counts fixed, so the same AUCs stay defined); AUCs reuse one sort per class
 * and weigh rows by their multiplicity, so a resample costs O(N·K).
 * @param labelled - the task's labelled rows.
 * @param options - resamples, seed and confidence level.
 * @returns the intervals; all `null` when the task has no labelled rows.
 * @throws {@link EvaluationError} `invalid-input` for fewer than 100 resamples or a confidence
 * level outside (0, 1).
 */
export function bootstrapTask(
  labelled: LabelledTask,
  options: BootstrapOptions = {},
): TaskIntervals {
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 100) {
    throw new EvaluationError({
      code: 'invalid-input',
      message: `bootstrap resamples must be an integer >= 100, got ${resamples}`,
      value: String(resamples),
    });
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new EvaluationError({
      code: 'invalid-input',
      message: `confidence must be in (0, 1), got ${confidence}`,
      value: String(confidence),
    });
  }
  const { task, classCount: k, n, truth, predicted, probabilities } = labelled;
  const perClassNull = Object.fromEntries(
    task.classes.map((name) => [name, { sensitivity: null, specificity: null }]),
  );
  if (n === 0) {
    return { accuracy: null, balanced_accuracy: null, macro_auc: null, per_class: perClassNull };
  }
  const support = new Int32Array(k);
  for (const t of truth) support[t]!++;
  const aucClasses: { c: number; ranked: RankedScores; isPositive: Uint8Array }[] = [];
  for (let c = 0; c < k; c++) {
    if (support[c] === 0 || support[c] === n) continue;
    aucClasses.push({
      c,
      ranked: rankScores(probabilities, k, c),
      isPositive: Uint8Array.from(truth, (t) => (t === c ? 1 : 0)),
    });
  }
  const accuracy = new Float64Array(resamples);
  const balanced = new Float64Array(resamples);
  const macroAuc = new Float64Array(resamples);
  const sensitivity = Array.from({ length: k }, () => new Float64Array(resamples));
  const specificity = Array.from({ length: k }, () => new Float64Array(resamples));
  const weights = new Int32Array(n);
  const flat = new Float64Array(k * k);
  const aucs = new Array<number>(k).fill(Number.NaN);
  let current = 0;
  const finish = (r: number) => {
    const matrix = Array.from({ length: k }, (_, t) => Array.from(flat.subarray(t * k, t * k + k)));
    for (const { c, ranked, isPositive } of aucClasses) {
      aucs[c] = weightedAuc(ranked, isPositive, weights) ?? Number.NaN;
    }
    const stats = resampleStatistics(matrix, aucs);
    accuracy[r] = stats.accuracy;
    balanced[r] = stats.balancedAccuracy;
    macroAuc[r] = stats.macroAuc;
    for (let c = 0; c < k; c++) {
      sensitivity[c]![r] = stats.sensitivity[c]!;
      specificity[c]![r] = stats.specificity[c]!;
    }
    weights.fill(0);
    flat.fill(0);
  };
  drawStratified(truth, k, streamSeed(options.seed ?? 0, task.name), resamples, (r, c, row) => {
    if (r !== current) {
      finish(current);
      current = r;
    }
    weights[row]!++;
    flat[c * k + predicted[row]!]!++;
  });
  finish(current);
  const perClass: TaskIntervals['per_class'] = {};
  task.classes.forEach((name, c) => {
    const hasNegatives = support[c]! < n;
    perClass[name] = {
      sensitivity: support[c]! > 0 ? interval(sensitivity[c]!, confidence) : null,
      specificity: hasNegatives ? interval(specificity[c]!, confidence) : null,
    };
  });
  return {
    accuracy: interval(accuracy, confidence),
    balanced_accuracy: interval(balanced, confidence),
    macro_auc: aucClasses.length === 0 ? null : interval(macroAuc, confidence),
    per_class: perClass,
  };
}
