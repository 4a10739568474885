/**
 * The index of the first NaN or ±Infinity in `data`, or -1 when every value is finite.
 * @example
 * firstNonFinite(new Float32Array([0, Number.NaN])); // 1
 */
export function firstNonFinite(data: ArrayLike<number>): number {
  for (let index = 0; index < data.length; index += 1) {
    const value = data[index]!;
    // value - value is 0 for finite numbers and NaN for NaN and ±Infinity.
    if (value - value !== 0) return index;
  }
  return -1;
}
