import { EvaluationError } from '../errors/evaluation-error';

/** The temperatures {@link fitTemperature} searches: `[0.01, 100]`. */
export const TEMPERATURE_RANGE: readonly [number, number] = [0.01, 100];

/** One task's logits and truth: what temperature scaling is fitted on. */
export interface TemperatureFitInput {
  /** `'binary'`: one logit per row (sigmoid); `'multiclass'`: `classCount` logits per row (softmax). */
  kind: 'binary' | 'multiclass';
  /** Row-major logits: `[N]` (binary) or `[N, K]` (multiclass). */
  logits: ArrayLike<number>;
  /** True class index per row; `-1` = label missing (the row is left out). */
  truth: ArrayLike<number>;
  /** `K`, the number of classes (2 for binary). */
  classCount: number;
}

/** A fitted temperature. */
export interface TemperatureFit {
  /** `T`: probabilities are softmax / sigmoid of `logits / T`. */
  temperature: number;
  /** Labelled rows it was fitted on. */
  n: number;
  /** Mean negative log-likelihood (nats per row) at `T = 1` and at the fitted `T`. */
  nllBefore: number;
  nllAfter: number;
  /**
   * `'lower'` / `'upper'` when the minimum lies at that end of {@link TEMPERATURE_RANGE}: the
   * likelihood keeps improving beyond it (`'lower'`: the logits separate the classes perfectly;
   * `'upper'`: they carry no usable signal), so the temperature is not a meaningful estimate.
   */
  bound: 'lower' | 'upper' | null;
}

/** The labelled rows as logit vectors `[n, L]` (binary: `[0, z]`, the same likelihood). */
function labelledRows(input: TemperatureFitInput): {
  z: Float64Array;
  y: Int32Array;
  width: number;
} {
  const { kind, logits, truth, classCount } = input;
  const perRow = kind === 'binary' ? 1 : classCount;
  const invalid = (message: string, value?: unknown) =>
    new EvaluationError({
      code: 'invalid-input',
      message,
      ...(value === undefined ? {} : { value: String(value) }),
    });
  if (kind === 'binary' && classCount !== 2) {
    throw invalid(`a binary task has 2 classes, got ${classCount}`, classCount);
  }
  if (!(Number.isInteger(classCount) && classCount >= 2)) {
    throw invalid(`classCount must be an integer >= 2, got ${classCount}`, classCount);
  }
  if (logits.length !== truth.length * perRow) {
    throw invalid(
      `logits must hold ${truth.length} rows × ${perRow} = ${truth.length * perRow} values, got ${logits.length}`,
    );
  }
  let n = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    if (!(Number.isInteger(t) && t >= -1 && t < classCount)) {
      throw invalid(`truth must be a class index in [-1, ${classCount}), got ${t} at row ${i}`, t);
    }
    if (t >= 0) n++;
  }
  if (n === 0) throw invalid('temperature scaling needs at least one labelled row, got none');
  const width = kind === 'binary' ? 2 : classCount;
  const z = new Float64Array(n * width);
  const y = new Int32Array(n);
  let row = 0;
  for (let i = 0; i < truth.length; i++) {
    if (truth[i]! < 0) continue;
    for (let c = 0; c < perRow; c++) {
      const value = logits[i * perRow + c]!;
      if (!Number.isFinite(value)) {
        throw invalid(`logits must be finite numbers, got ${value} at row ${i}`, value);
      }
      z[row * width + (kind === 'binary' ? 1 : c)] = value;
    }
    y[row++] = truth[i]!;
  }
  return { z, y, width };
}

/**
 * Total NLL at inverse temperature `beta`, and its first and second derivatives in `beta`:
 * `Σ logsumexp(β z_i) − β z_iy`, `Σ E_p[z_i] − z_iy` and `Σ Var_p(z_i)` (p = softmax(β z_i)).
 */
function nllAt(beta: number, z: Float64Array, y: Int32Array, width: number) {
  let value = 0;
  let slope = 0;
  let curvature = 0;
  for (let i = 0; i < y.length; i++) {
    const base = i * width;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < width; c++) max = Math.max(max, beta * z[base + c]!);
    let sum = 0;
    let mean = 0;
    let square = 0;
    for (let c = 0; c < width; c++) {
      const zc = z[base + c]!;
      const e = Math.exp(beta * zc - max);
      sum += e;
      mean += e * zc;
      square += e * zc * zc;
    }
    mean /= sum;
    const zy = z[base + y[i]!]!;
    value += max + Math.log(sum) - beta * zy;
    slope += mean - zy;
    curvature += Math.max(0, square / sum - mean * mean);
  }
  return { value, slope, curvature };
}

/**
 * Temperature scaling (Guo et al. 2017): the one scalar `T` per task that minimises the
 * negative log-likelihood of the labelled rows under softmax(logits / T) — sigmoid(logit / T)
 * for a binary head with one logit — within {@link TEMPERATURE_RANGE}. The NLL is convex in
 * `1/T`, so the minimum is the root of its derivative, found by Newton steps kept inside a
 * shrinking bracket (bisection when a step leaves it) to machine precision; it matches SciPy's
 * bounded minimiser and PyTorch's L-BFGS on the same logits (fixtures/calibration-reference.json).
 * Arg-max and threshold decisions on the logits are unchanged by any `T`.
 * @param input - kind, row-major logits, truth (−1 = missing) and class count.
 * @returns the temperature, the mean NLL before and after, and whether it hit a bound.
 * @throws {@link EvaluationError} `invalid-input` for inconsistent arrays, non-finite logits or
 * no labelled row.
 * @example
 * ```ts
 * const fit = fitTemperature({ kind: 'binary', logits: [2.1, -0.3, 0.4, -1.8], truth: [1, 0, 0, 0], classCount: 2 });
 * fit.temperature; // ≈ 0.60 (sharper probabilities fit these rows better)
 * ```
 */
export function fitTemperature(input: TemperatureFitInput): TemperatureFit {
  const { z, y, width } = labelledRows(input);
  const n = y.length;
  const [minimumT, maximumT] = TEMPERATURE_RANGE;
  let low = 1 / maximumT; // β bracket: NLL'(low) < 0 < NLL'(high) once checked
  let high = 1 / minimumT;
  const atLow = nllAt(low, z, y, width);
  const atHigh = nllAt(high, z, y, width);
  let beta: number;
  let bound: TemperatureFit['bound'] = null;
  if (atLow.slope >= 0) {
    beta = low;
    bound = 'upper';
  } else if (atHigh.slope <= 0) {
    beta = high;
    bound = 'lower';
  } else {
    beta = 1;
    for (let iteration = 0; iteration < 200; iteration++) {
      const { slope, curvature } = nllAt(beta, z, y, width);
      if (slope === 0) break;
      if (slope < 0) low = beta;
      else high = beta;
      let next = curvature > 0 ? beta - slope / curvature : Number.NaN;
      if (!(next > low && next < high)) next = (low + high) / 2;
      const step = Math.abs(next - beta);
      beta = next;
      if (step <= 1e-15 * beta || high - low <= 1e-15 * beta) break;
    }
  }
  return {
    temperature: 1 / beta,
    n,
    nllBefore: nllAt(1, z, y, width).value / n,
    nllAfter: nllAt(beta, z, y, width).value / n,
    bound,
  };
}
