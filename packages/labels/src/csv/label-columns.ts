import { quoteValue } from '@ct-fracture/core';
import { LabelError } from '../errors/label-error';
import { type CompiledLabelSpec, columnKey } from '../values/compile-label-spec';

/** Where each column of a label CSV is, by column key, and what the header says. */
export interface LabelColumns {
  /** Column key → cell index (first occurrence). */
  readonly index: ReadonlyMap<string, number>;
  /** Column key → the header cell as written. */
  readonly written: ReadonlyMap<string, string>;
  /** Problems with the header: duplicate columns, missing required columns. */
  readonly problems: readonly LabelError[];
}

function requiredColumns(compiled: CompiledLabelSpec, present: ReadonlySet<string>): string[] {
  const required = new Set<string>([compiled.patientIdColumn]);
  for (const task of compiled.tasks) {
    if (!task.spec.optional) {
      required.add(task.column);
      continue;
    }
    const sources = task.derivedMarkers.map((rule) => rule.column);
    if (!present.has(task.column) && !sources.some((column) => present.has(column))) {
      for (const column of sources.length > 0 ? sources : []) required.add(column);
    }
  }
  return [...required];
}

/**
 * Reads a label CSV's header: column keys (case, spaces and dashes forgiven),
 * duplicates, and every required column that is missing — one `missing-columns`
 * problem listing them all.
 *
 * @param header - the header cells as written.
 * @param line - the header's line number.
 */
export function readLabelColumns(
  compiled: CompiledLabelSpec,
  header: readonly string[],
  line: number,
): LabelColumns {
  const index = new Map<string, number>();
  const written = new Map<string, string>();
  const problems: LabelError[] = [];
  header.forEach((cell, position) => {
    const key = columnKey(cell);
    if (key === '') return;
    if (index.has(key)) {
      problems.push(
        new LabelError({
          code: 'duplicate-column',
          line,
          column: cell,
          value: cell,
          message: `each column must appear once in the header, got ${quoteValue(cell)} twice (cells ${
            index.get(key)! + 1
          } and ${position + 1})`,
        }),
      );
      return;
    }
    index.set(key, position);
    written.set(key, cell);
  });
  const missing = requiredColumns(compiled, new Set(index.keys())).filter(
    (column) => !index.has(column),
  );
  if (missing.length > 0) {
    problems.push(
      new LabelError({
        code: 'missing-columns',
        line,
        columns: missing,
        column: missing.join(', '),
        message: `the CSV must have the column${missing.length === 1 ? '' : 's'} ${missing.join(
          ', ',
        )} (label specification ${compiled.spec.name}), got a header with ${
          header.length === 0 ? 'no columns' : header.join(', ')
        }`,
      }),
    );
  }
  return { index, written, problems };
}
