import { seedFromName } from '@ct-fracture/core';
import { EvaluationError } from '../errors/evaluation-error';
import { type RankedClass, rankClass, weightedAuc } from '../metrics/ranked-scores';
import type { LabelledTask } from '../prepare-task';
import { arrangeByCell } from './arrange-by-cell';
import { quantileInPlace } from './percentile';
import { StratifiedSampler } from './stratified-sampler';

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

function interval(values: Float64Array, confidence: number): Interval | null {
  if (values.some(Number.isNaN)) return null;
  const alpha = (1 - confidence) / 2;
  return { lower: quantileInPlace(values, alpha), upper: quantileInPlace(values, 1 - alpha) };
}

function checkOptions(resamples: number, confidence: number): void {
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
}

/**
 * True when column 0 ranks the rows in exactly the reverse order of column 1, ties included:
 * `p0 = 1 − p1` exactly and as many distinct values in each (so `1 − p` merged no two scores).
 * The two one-vs-rest AUCs of a binary task are then equal for any weights, and one sweep
 * serves both.
 */
function mirrored(probabilities: ArrayLike<number>, n: number): boolean {
  const distinct0 = new Set<number>();
  const distinct1 = new Set<number>();
  for (let i = 0; i < n; i++) {
    const p0 = probabilities[i * 2]!;
    const p1 = probabilities[i * 2 + 1]!;
    if (p0 !== 1 - p1) return false;
    distinct0.add(p0);
    distinct1.add(p1);
  }
  return distinct0.size === distinct1.size;
}

function toPositions(ranked: RankedClass, positionOf: Int32Array): RankedClass {
  return {
    untied: ranked.untied,
    negatives: ranked.negatives.map((row) => positionOf[row]!),
    positives: ranked.positives.map((row) => positionOf[row]!),
    below: ranked.below,
    belowOrTied: ranked.belowOrTied,
  };
}

/**
 * Stratified bootstrap percentile confidence intervals of accuracy, balanced accuracy, macro AUC
 * and per-class sensitivity/specificity. Each resample redraws every true class's rows with
 * replacement (class counts fixed, so the same AUCs stay defined). Rows are arranged once by
 * confusion cell and each class's scores sorted once; a resample is a vector of multiplicities,
 * its confusion matrix a sum over contiguous blocks and each AUC one weighted pass — O(N·K).
 * @param labelled - the task's labelled rows.
 * @param options - resamples, seed and confidence level.
 * @param rankedClasses - each class's {@link rankClass} of `labelled` (row indices), when the
 * caller has them already; computed otherwise.
 * @returns the intervals; all `null` when the task has no labelled rows.
 * @throws {@link EvaluationError} `invalid-input` for fewer than 100 resamples or a confidence
 * level outside (0, 1).
 */
export function bootstrapTask(
  labelled: LabelledTask,
  options: BootstrapOptions = {},
  rankedClasses?: readonly RankedClass[],
): TaskIntervals {
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  checkOptions(resamples, confidence);
  const { task, classCount: k, n } = labelled;
  if (n === 0) {
    const perClass = Object.fromEntries(
      task.classes.map((name) => [name, { sensitivity: null, specificity: null }]),
    );
    return { accuracy: null, balanced_accuracy: null, macro_auc: null, per_class: perClass };
  }
  // Everything below works on positions of the cell arrangement, not on rows.
  const { order, classStarts, cellStarts } = arrangeByCell(labelled.truth, labelled.predicted, k);
  const positionOf = new Int32Array(n);
  order.forEach((row, position) => {
    positionOf[row] = position;
  });
  const support = Int32Array.from({ length: k }, (_, c) => classStarts[c + 1]! - classStarts[c]!);
  const sweeps: { c: number; ranked: RankedClass }[] = [];
  const shareBinary = k === 2 && mirrored(labelled.probabilities, n);
  for (let c = 0; c < k; c++) {
    if (support[c] === 0 || support[c] === n || (shareBinary && c === 0)) continue;
    const ranked = rankedClasses?.[c] ?? rankClass(labelled.probabilities, k, c, labelled.truth);
    sweeps.push({ c, ranked: toPositions(ranked, positionOf) });
  }
  const definedAucs = support.filter((s) => s > 0 && s < n).length;
  const accuracy = new Float64Array(resamples);
  const balanced = new Float64Array(resamples);
  const macroAuc = new Float64Array(resamples);
  const sensitivity = Array.from({ length: k }, () => new Float64Array(resamples));
  const specificity = Array.from({ length: k }, () => new Float64Array(resamples));
  const narrow = new Uint8Array(n);
  let wide: Int32Array | undefined;
  const scratch = new Float64Array(n + 1);
  const aucs = new Array<number>(k).fill(Number.NaN);
  const sampler = new StratifiedSampler(classStarts, seedFromName(options.seed ?? 0, task.name));
  const flat = new Float64Array(k * k);
  const rowSums = new Float64Array(k);
  const colSums = new Float64Array(k);
  for (let r = 0; r < resamples; r++) {
    let weights: Uint8Array | Int32Array = narrow;
    if (!sampler.nextCounts(narrow)) {
      wide ??= new Int32Array(n);
      sampler.nextWideCounts(wide);
      weights = wide;
    }
    rowSums.fill(0);
    colSums.fill(0);
    let diagonal = 0;
    for (let cell = 0; cell < k * k; cell++) {
      let count = 0;
      for (let j = cellStarts[cell]!; j < cellStarts[cell + 1]!; j++) count += weights[j]!;
      flat[cell] = count;
      const t = Math.floor(cell / k);
      const p = cell - t * k;
      rowSums[t]! += count;
      colSums[p]! += count;
      if (t === p) diagonal += count;
    }
    for (const { c, ranked } of sweeps)
      aucs[c] = weightedAuc(ranked, weights, scratch) ?? Number.NaN;
    if (shareBinary && definedAucs === 2) aucs[0] = aucs[1]!;
    // The statistics of resampleStatistics, without allocating (this runs K·R times).
    let recallSum = 0;
    let present = 0;
    let aucSum = 0;
    for (let c = 0; c < k; c++) {
      const tp = flat[c * k + c]!;
      const fn = rowSums[c]! - tp;
      const fp = colSums[c]! - tp;
      const tn = n - tp - fn - fp;
      sensitivity[c]![r] = tp + fn === 0 ? 0 : tp / (tp + fn);
      specificity[c]![r] = tn + fp === 0 ? 0 : tn / (tn + fp);
      if (rowSums[c]! > 0) {
        recallSum += tp / rowSums[c]!;
        present++;
      }
      if (!Number.isNaN(aucs[c]!)) aucSum += aucs[c]!;
    }
    accuracy[r] = diagonal / n;
    balanced[r] = recallSum / present;
    macroAuc[r] = definedAucs === 0 ? Number.NaN : aucSum / definedAucs;
  }
  const perClass: TaskIntervals['per_class'] = {};
  task.classes.forEach((name, c) => {
    perClass[name] = {
      sensitivity: support[c]! > 0 ? interval(sensitivity[c]!, confidence) : null,
      specificity: support[c]! < n ? interval(specificity[c]!, confidence) : null,
    };
  });
  return {
    accuracy: interval(accuracy, confidence),
    balanced_accuracy: interval(balanced, confidence),
    macro_auc: definedAucs === 0 ? null : interval(macroAuc, confidence),
    per_class: perClass,
  };
}
