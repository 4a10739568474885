import type { LabelRow } from '../csv/label-table';
import type { LabelSpec } from '../spec/label-spec';

/** One task's labels for a list of rows, ready to become tensors. */
export interface EncodedTaskLabels {
  /** Class index per row (`[n]`), **-1 = missing**. */
  readonly indices: Int32Array;
  /** 1 where the label is present, 0 where missing (`[n]`), to mask a loss. */
  readonly mask: Float32Array;
}

/**
 * Class index and mask arrays per task (in the specification's task order) for
 * the given rows — `tf.tensor1d(indices, 'int32')` and `tf.oneHot` make targets.
 *
 * @param table - the spec and rows (a `LabelTable`).
 * @param rowIndices - which rows, in which order (e.g. a split or a batch); default all.
 * @example
 * const { varus } = encodeLabels(table, [0, 2]);
 * varus.indices; // Int32Array [1, -1]; varus.mask: Float32Array [1, 0]
 */
export function encodeLabels(
  table: { readonly spec: LabelSpec; readonly rows: readonly LabelRow[] },
  rowIndices?: readonly number[],
): Record<string, EncodedTaskLabels> {
  const selected =
    rowIndices === undefined ? table.rows : rowIndices.map((index) => table.rows[index]!);
  const result: Record<string, EncodedTaskLabels> = {};
  for (const task of table.spec.tasks) {
    const indices = new Int32Array(selected.length);
    const mask = new Float32Array(selected.length);
    selected.forEach((row, position) => {
      const label = row.labels[task.name] ?? -1;
      const present = label >= 0 && label < task.classes.length;
      indices[position] = present ? label : -1;
      mask[position] = present ? 1 : 0;
    });
    result[task.name] = { indices, mask };
  }
  return result;
}
