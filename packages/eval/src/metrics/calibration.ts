/** One bin of a reliability diagram. */
export interface ReliabilityBin {
  /** Bin edges on the confidence axis: the bin holds `lower < confidence <= upper` (bin 0 also 0). */
  lower: number;
  upper: number;
  /** Rows in the bin. */
  count: number;
  /** Mean confidence of those rows, `null` for an empty bin. */
  mean_confidence: number | null;
  /** Fraction of those rows predicted correctly, `null` for an empty bin. */
  accuracy: number | null;
}

/** Top-label calibration of a task. */
export interface Calibration {
  /** How confidence is defined: the probability of the predicted class. */
  method: 'top-label';
  /** Expected calibration error Σ (n_b / n) · |accuracy_b − confidence_b|; `null` with no rows. */
  ece: number | null;
  /**
   * Mean negative log-likelihood of the true class (nats) as scikit-learn 1.2's `log_loss`:
   * probabilities clipped to [ε, 1 − ε] (ε = 2⁻⁵², float64 epsilon) and each row renormalised. The proper score
   * temperature scaling minimises; `null` with no rows.
   */
  nll: number | null;
  /** Equal-width bins over [0, 1]. */
  bins: ReliabilityBin[];
}

/** scikit-learn 1.2 `log_loss`'s clip (`eps='auto'`: float64 machine epsilon): [ε, 1 − ε]. */
const NLL_FLOOR = Number.EPSILON;

/** The bin `b` with `b/B < confidence <= (b+1)/B`, comparing with the edges themselves. */
function binOf(confidence: number, binCount: number): number {
  let bin = Math.min(binCount - 1, Math.max(0, Math.ceil(confidence * binCount) - 1));
  if (bin > 0 && confidence <= bin / binCount) bin--;
  else if (bin < binCount - 1 && confidence > (bin + 1) / binCount) bin++;
  return bin;
}

/**
 * Top-label expected calibration error and reliability-diagram data (Guo et al. 2017): each row's
 * confidence is the probability of its predicted class; rows are put into `binCount` equal-width
 * bins `(b/B, (b+1)/B]`. Also the mean negative log-likelihood of the true class.
 * @param probabilities - row-major `[N, K]` probabilities.
 * @param truth - true class per row.
 * @param predicted - predicted class per row.
 * @param classCount - `K`.
 * @param binCount - number of bins (default 10).
 * @example
 * ```ts
 * calibration([0.9, 0.1, 0.2, 0.8], [0, 0], [0, 1], 2).ece; // (|1 − 0.9| + |0 − 0.8|) / 2 = 0.45
 * ```
 */
export function calibration(
  probabilities: ArrayLike<number>,
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classCount: number,
  binCount = 10,
): Calibration {
  const counts = new Float64Array(binCount);
  const confidenceSums = new Float64Array(binCount);
  const correctSums = new Float64Array(binCount);
  const n = truth.length;
  for (let i = 0; i < n; i++) {
    const confidence = probabilities[i * classCount + predicted[i]!]!;
    const bin = binOf(confidence, binCount);
    counts[bin]! += 1;
    confidenceSums[bin]! += confidence;
    if (truth[i] === predicted[i]) correctSums[bin]! += 1;
  }
  let logLoss = 0;
  const clip = (p: number) => Math.min(1 - NLL_FLOOR, Math.max(NLL_FLOOR, p));
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let c = 0; c < classCount; c++) total += clip(probabilities[i * classCount + c]!);
    logLoss -= Math.log(clip(probabilities[i * classCount + truth[i]!]!) / total);
  }
  let ece = 0;
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < binCount; b++) {
    const count = counts[b]!;
    const meanConfidence = count === 0 ? null : confidenceSums[b]! / count;
    const accuracy = count === 0 ? null : correctSums[b]! / count;
    if (count > 0) ece += (count / n) * Math.abs(accuracy! - meanConfidence!);
    bins.push({
      lower: b / binCount,
      upper: (b + 1) / binCount,
      count,
      mean_confidence: meanConfidence,
      accuracy,
    });
  }
  return {
    method: 'top-label',
    ece: n === 0 ? null : ece,
    nll: n === 0 ? null : logLoss / n,
    bins,
  };
}
