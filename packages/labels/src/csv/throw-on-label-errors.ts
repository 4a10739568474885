import { LabelError } from '../errors/label-error';
import { DEFAULT_LABEL_SPEC } from '../spec/default-label-spec';
import type { LabelSpec } from '../spec/label-spec';
import type { LabelTable, ParseLabelCsvOptions } from './label-table';
import { parseLabelCsv } from './parse-label-csv';

/**
 * The problems that fail a check: errors, and warnings too when `strict`.
 * @example
 * const failing = failingProblems(table.problems, { strict: true });
 */
export function failingProblems(
  problems: readonly LabelError[],
  options: { readonly strict?: boolean } = {},
): LabelError[] {
  return problems.filter((problem) => options.strict === true || problem.severity === 'error');
}

/**
 * Throws when `problems` hold an error (or, with `strict`, a warning): the problem
 * itself when there is one, else a `invalid-labels` LabelError whose message counts
 * them and quotes the first, with all of them in `problems`.
 *
 * @throws LabelError as described.
 * @example
 * throwOnLabelErrors(parseLabelCsv(text).problems);
 */
export function throwOnLabelErrors(
  problems: readonly LabelError[],
  options: { readonly strict?: boolean; readonly file?: string } = {},
): void {
  const failing = failingProblems(problems, options);
  if (failing.length === 0) return;
  if (failing.length === 1) throw failing[0]!.withSeverity('error');
  const first = failing[0]!;
  throw new LabelError({
    code: 'invalid-labels',
    file: options.file,
    problems: failing,
    message: `label data must have no errors, got ${failing.length}; the first: ${first.message}`,
  });
}

/**
 * `parseLabelCsv`, then throw if any error was found (see {@link throwOnLabelErrors}).
 * @throws LabelError — the one problem, or `invalid-labels` with all of them.
 * @example
 * const { rows } = parseLabelCsvOrThrow({ path: 'train_labels.csv' });
 */
export function parseLabelCsvOrThrow(
  input: string | { readonly path: string },
  spec: LabelSpec = DEFAULT_LABEL_SPEC,
  options: ParseLabelCsvOptions = {},
): LabelTable {
  const table = parseLabelCsv(input, spec, options);
  throwOnLabelErrors(table.problems, { strict: options.strict, file: table.file });
  return table;
}
