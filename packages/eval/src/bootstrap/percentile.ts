/**
 * The `q`-quantile of `values` with linear interpolation between order statistics (NumPy's
 * default `np.percentile(values, 100 * q)`, Hyndman & Fan type 7). `values` is sorted in place.
 * @param values - the sample; sorted ascending by this call.
 * @param q - quantile in [0, 1].
 * @example
 * ```ts
 * quantileInPlace(Float64Array.of(3, 1, 2, 4), 0.5); // 2.5
 * ```
 */
export function quantileInPlace(values: Float64Array, q: number): number {
  values.sort();
  const position = (values.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(values.length - 1, lower + 1);
  const fraction = position - lower;
  return values[lower]! + (values[upper]! - values[lower]!) * fraction;
}
