import { quoteValue } from '@ct-fracture/core';
import type { LabelRow } from '../csv/label-table';
import { LabelError } from '../errors/label-error';
import type { LabelSpec } from '../spec/label-spec';

/** What the splits read of a label table: the specification and the rows. */
export type SplitTable = { readonly spec: LabelSpec; readonly rows: readonly LabelRow[] };

/** The (task, class) a label id of {@link labelSets} stands for. */
export interface SplitLabel {
  readonly task: string;
  readonly className: string;
}

/**
 * The tasks to stratify over (default: every task of the specification), checked.
 * @throws LabelError `invalid-option` naming a task the specification lacks.
 */
function stratifiedTasks(table: SplitTable, tasks: readonly string[] | undefined) {
  return (tasks ?? table.spec.tasks.map((task) => task.name)).map((name) => {
    const task = table.spec.tasks.find((candidate) => candidate.name === name);
    if (task === undefined) {
      throw new LabelError({
        code: 'invalid-option',
        task: name,
        value: name,
        message: `tasks to stratify over must be tasks of the label specification (${table.spec.tasks
          .map((candidate) => candidate.name)
          .join(', ')}), got ${quoteValue(name)}`,
      });
    }
    return task;
  });
}

/**
 * The labels of each row as ids, one per (task, class) pair of the chosen tasks (a missing label
 * gives none), and what each id stands for.
 * @throws LabelError `invalid-option` for an unknown task.
 */
export function labelSetsWithNames(
  table: SplitTable,
  tasks: readonly string[] | undefined,
): { sets: number[][]; labels: SplitLabel[] } {
  const chosen = stratifiedTasks(table, tasks);
  const offsets: number[] = [];
  const labels: SplitLabel[] = [];
  for (const task of chosen) {
    offsets.push(labels.length);
    for (const className of task.classes) labels.push({ task: task.name, className });
  }
  const sets = table.rows.map((row) =>
    chosen.flatMap((task, index) => {
      const label = row.labels[task.name] ?? -1;
      return label >= 0 ? [offsets[index]! + label] : [];
    }),
  );
  return { sets, labels };
}

/**
 * The labels of each row as ids, one per (task, class) pair of the chosen tasks.
 * @throws LabelError `invalid-option` for an unknown task.
 */
export function labelSets(table: SplitTable, tasks: readonly string[] | undefined): number[][] {
  return labelSetsWithNames(table, tasks).sets;
}
