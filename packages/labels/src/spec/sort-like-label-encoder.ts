/**
 * The distinct values of `values` in the order scikit-learn's `LabelEncoder`
 * assigns class indices: `numpy.unique`, i.e. sorted by Unicode code point (not
 * by locale, and not by UTF-16 unit: "😀" sorts after "\uffff").
 *
 * @param values - the training column's values as written.
 * @returns the distinct values, sorted; index = the original encoder's class index.
 * @example
 * sortLikeLabelEncoder(['none', 'complete', 'substantial', 'none']);
 * // ['complete', 'none', 'substantial']
 */
export function sortLikeLabelEncoder(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareCodePoints);
}

function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const difference = left[index]!.codePointAt(0)! - right[index]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
