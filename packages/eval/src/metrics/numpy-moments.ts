/** NumPy's block size for pairwise summation (`PW_BLOCKSIZE`). */
const BLOCK = 128;

/**
 * The sum NumPy's `np.add.reduce` gives for float64 values: pairwise summation — a plain loop
 * under 8 values, eight interleaved accumulators up to 128, halves (cut at a multiple of 8)
 * summed recursively above — so a mean or standard deviation equals NumPy's to the last bit.
 */
function pairwiseSum(values: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let sum = 0;
    for (let i = 0; i < n; i += 1) sum += values[start + i]!;
    return sum;
  }
  if (n <= BLOCK) {
    const r = new Float64Array(8);
    for (let j = 0; j < 8; j += 1) r[j] = values[start + j]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j += 1) r[j]! += values[start + i + j]!;
    }
    let sum = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i += 1) sum += values[start + i]!;
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, n - half);
}

/**
 * `numpy.mean(values)` for float64 values (NumPy's pairwise summation, then ÷ n).
 * @returns NaN for no values (NumPy warns and gives nan).
 * @example
 * numpyMean([0.7, 0.8, 0.75]); // 0.75
 */
export function numpyMean(values: ArrayLike<number>): number {
  return (0 + pairwiseSum(values, 0, values.length)) / values.length;
}

/**
 * `numpy.std(values, ddof=ddof)`: the square root of the summed squared deviations from
 * {@link numpyMean}, divided by `n − ddof` (NumPy's order of operations).
 * @param ddof - delta degrees of freedom: 1 for the sample standard deviation.
 * @returns NaN when `n − ddof ≤ 0` (NumPy warns and gives nan or inf).
 * @example
 * numpyStd([0.7, 0.8, 0.75], 1); // 0.05
 */
export function numpyStd(values: ArrayLike<number>, ddof: number): number {
  const n = values.length;
  if (n - ddof <= 0) return Number.NaN;
  const mean = numpyMean(values);
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const deviation = values[i]! - mean;
    squares[i] = deviation * deviation;
  }
  return Math.sqrt((0 + pairwiseSum(squares, 0, n)) / (n - ddof));
}
