import type { LabelRow } from '../csv/label-table';
import type { LabelSpec } from '../spec/label-spec';

/** How many rows hold each class of one task, and how many miss the label. */
export interface TaskClassCounts {
  readonly task: string;
  readonly classes: readonly string[];
  /** Rows per class, in class order. */
  readonly counts: readonly number[];
  /** Rows whose label is missing (-1). */
  readonly missing: number;
  /** All rows counted (`sum(counts) + missing`). */
  readonly total: number;
}

/**
 * Class counts per task, in the specification's task order.
 *
 * @param table - the spec and rows (a `LabelTable`).
 * @param rowIndices - count only these rows (e.g. a training split); default all.
 * @example
 * countClasses(table).fracture_parts.counts; // e.g. [40, 52, 28]
 */
export function countClasses(
  table: { readonly spec: LabelSpec; readonly rows: readonly LabelRow[] },
  rowIndices?: readonly number[],
): Record<string, TaskClassCounts> {
  const selected =
    rowIndices === undefined ? table.rows : rowIndices.map((index) => table.rows[index]!);
  const result: Record<string, TaskClassCounts> = {};
  for (const task of table.spec.tasks) {
    const counts = new Array<number>(task.classes.length).fill(0);
    let missing = 0;
    for (const row of selected) {
      const label = row.labels[task.name] ?? -1;
      if (label >= 0 && label < counts.length) counts[label]! += 1;
      else missing += 1;
    }
    result[task.name] = {
      task: task.name,
      classes: task.classes,
      counts,
      missing,
      total: selected.length,
    };
  }
  return result;
}
