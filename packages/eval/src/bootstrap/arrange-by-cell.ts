/** Rows arranged by confusion cell: true class first, then predicted class. */
export interface CellArrangement {
  /** `order[position]` = the row at that position. */
  readonly order: Int32Array;
  /** Where each true class's block starts; `classStarts[K]` = row count. */
  readonly classStarts: Int32Array;
  /** Where cell `t · K + p` starts; `cellStarts[K²]` = row count. */
  readonly cellStarts: Int32Array;
}

/**
 * Sorts rows by (true class, predicted class), stably: a stratified resample then draws within
 * each true-class block, and a resample's confusion matrix is a sum of multiplicities over
 * contiguous cell blocks.
 * @example
 * ```ts
 * arrangeByCell(Int32Array.of(1, 0, 1), Int32Array.of(0, 0, 1), 2).order; // Int32Array [1, 0, 2]
 * ```
 */
export function arrangeByCell(
  truth: Int32Array,
  predicted: Int32Array,
  classCount: number,
): CellArrangement {
  const k = classCount;
  const n = truth.length;
  const cellStarts = new Int32Array(k * k + 1);
  for (let i = 0; i < n; i++) cellStarts[truth[i]! * k + predicted[i]! + 1]!++;
  for (let cell = 0; cell < k * k; cell++) cellStarts[cell + 1]! += cellStarts[cell]!;
  const order = new Int32Array(n);
  const fill = cellStarts.slice(0, k * k);
  for (let i = 0; i < n; i++) order[fill[truth[i]! * k + predicted[i]!]!++] = i;
  const classStarts = Int32Array.from({ length: k + 1 }, (_, c) => cellStarts[c * k]!);
  return { order, classStarts, cellStarts };
}
