import { quoteValue } from '@ct-fracture/core';
import { LabelError } from '../errors/label-error';
import { DEFAULT_LABEL_SPEC } from '../spec/default-label-spec';
import type { LabelSpec } from '../spec/label-spec';
import { compileLabelSpec } from '../values/compile-label-spec';
import { normaliseLabelValue } from '../values/normalise-label-value';
import { resolveTaskLabel } from '../values/resolve-task-label';
import { type ByteSource, bytesSource } from './byte-source';
import { CSV_LIMITS } from './csv-limits';
import { withFileSource } from './file-byte-source';
import { readLabelColumns } from './label-columns';
import type { LabelRow, LabelTable, ParseLabelCsvOptions } from './label-table';
import { ProblemList } from './problem-list';
import { detectSourceDelimiter } from './read-csv-records';
import { type CsvRecord, scanCsv } from './scan-csv';

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '');

/**
 * Parses a label CSV against a label specification, collecting every problem
 * rather than stopping at the first.
 *
 * Forgiving where clinicians are: BOM, CRLF, `,`/`;`/tab delimiters, quotes,
 * empty lines, header case and spacing, and value spellings (see
 * `normaliseLabelValue` and the spec's aliases). A missing label (empty cell,
 * NA, N/A, -, ?, …) encodes as -1. Strict where it matters: an unknown value, a
 * duplicate patient id (both lines named), an empty patient id, a row longer
 * than the header and missing required columns (all listed at once) are errors.
 *
 * Streams: a file is read in chunks and only the current row is held as text, so a CSV of
 * any size is read in bounded memory; past `options.limits` (rows, cell and row bytes) a
 * `csv-limit` problem skips the row or stops the reading.
 *
 * @param input - the CSV text, or `{ path }` to read a file (UTF-8).
 * @param spec - the label specification (default {@link DEFAULT_LABEL_SPEC}).
 * @param options - see {@link ParseLabelCsvOptions}.
 * @returns rows in file order with class indices per task, and every problem.
 * @throws LabelError `io` only when `{ path }` cannot be read.
 * @example
 * const table = parseLabelCsv('patient_id,fracture_classification,gt_displacement_greater_equal_to_1cm,shaft_translation,varus_malalignment,art_involvement\nP1,3 part dislocation,yes,none,n,head split\n');
 * table.rows[0].labels; // { fracture_parts: 2, dislocation: 1, gt_displacement: 1, shaft_translation: 0, varus: 0, articular: 2 }
 */
export function parseLabelCsv(
  input: string | { readonly path: string },
  spec: LabelSpec = DEFAULT_LABEL_SPEC,
  options: ParseLabelCsvOptions = {},
): LabelTable {
  const file = typeof input === 'string' ? options.file : (options.file ?? input.path);
  const parse = (source: ByteSource) => parseLabelSource(source, file, spec, options);
  return typeof input === 'string'
    ? parse(bytesSource(new TextEncoder().encode(input)))
    : withFileSource(input.path, parse);
}

/** Reads the rows of a label CSV as they stream by: only the current row is held as text. */
function parseLabelSource(
  source: ByteSource,
  file: string | undefined,
  spec: LabelSpec,
  options: ParseLabelCsvOptions,
): LabelTable {
  const limits = { ...CSV_LIMITS, ...options.limits };
  const compiled = compileLabelSpec(spec);
  const delimiter =
    options.delimiter === undefined || options.delimiter === 'auto'
      ? detectSourceDelimiter(source, limits.rowBytes)
      : options.delimiter;
  const problems = new ProblemList(limits.problems, options.strict === true);
  const rows: LabelRow[] = [];
  let header: CsvRecord | undefined;
  let readRow: ((record: CsvRecord) => void) | undefined;
  scanCsv(source, {
    delimiter,
    limits,
    onProblem: (problem) => problems.add(problem),
    onRecord: (record) => {
      if (isBlank(record.cells)) return;
      if (header === undefined) {
        header = record;
        readRow = rowReader(header, delimiter);
      } else readRow?.(record);
    },
  });
  if (header === undefined) {
    problems.add(
      new LabelError({
        code: 'empty-csv',
        line: 1,
        message: `the CSV must start with a header line (${compiled.patientIdColumn}, …), got no content`,
      }),
    );
  }
  const { problems: listed, unlisted } = problems.finish(file);
  return {
    spec,
    file,
    delimiter,
    columns: header?.cells ?? [],
    rows,
    problems: listed,
    ...(unlisted === undefined ? {} : { unlistedProblems: unlisted }),
  };

  /** The reader of data rows under `header`, or undefined when it lacks the patient id column. */
  function rowReader(
    header: CsvRecord,
    delimiter: string,
  ): ((record: CsvRecord) => void) | undefined {
    const columns = readLabelColumns(compiled, header.cells, header.line);
    for (const problem of columns.problems) problems.add(problem);
    const idIndex = columns.index.get(compiled.patientIdColumn);
    if (idIndex === undefined) return undefined;

    const keyCache = new Map<string, string>();
    const keyOf = (raw: string): string => {
      let key = keyCache.get(raw);
      if (key === undefined) {
        key = normaliseLabelValue(raw);
        keyCache.set(raw, key);
      }
      return key;
    };
    const seen = new Map<string, number>();
    const width = header.cells.length;
    const written = (key: string) => columns.written.get(key) ?? key;

    const readRow = (record: CsvRecord) => {
      const { cells, line } = record;
      if (cells.length > width && !isBlank(cells.slice(width))) {
        problems.add(
          new LabelError({
            code: 'row-too-long',
            line,
            value: cells.slice(width).join(delimiter),
            message: `a row must have at most ${width} cells like the header, got ${cells.length} (quote a value that contains ${JSON.stringify(delimiter)}); the row was skipped`,
          }),
        );
        return;
      }
      if (cells.length < width) {
        problems.add(
          new LabelError({
            code: 'row-too-short',
            severity: 'warning',
            line,
            message: `a row should have ${width} cells like the header, got ${cells.length}; the absent cells were read as missing`,
          }),
        );
      }
      const patientId = (cells[idIndex] ?? '').trim();
      if (patientId === '') {
        problems.add(
          new LabelError({
            code: 'empty-patient-id',
            line,
            column: written(compiled.patientIdColumn),
            value: cells[idIndex] ?? '',
            message: `every row must have a ${compiled.patientIdColumn}, got an empty one; the row was skipped`,
          }),
        );
        return;
      }
      const key = patientId.toLowerCase();
      const firstLine = seen.get(key);
      if (firstLine !== undefined) {
        problems.add(
          new LabelError({
            code: 'duplicate-patient',
            line,
            firstLine,
            column: written(compiled.patientIdColumn),
            value: patientId,
            patientId,
            message: `each ${compiled.patientIdColumn} must appear once, got ${quoteValue(patientId)} on line ${firstLine} and line ${line}; line ${line} was skipped`,
          }),
        );
        return;
      }
      seen.set(key, line);
      const cell = (column: string) => {
        const position = columns.index.get(column);
        return position === undefined ? undefined : (cells[position] ?? '');
      };
      const labels: Record<string, number> = {};
      for (const task of compiled.tasks) {
        // A task whose columns are absent resolves to -1 (missing-columns was reported).
        const resolved = resolveTaskLabel(compiled, task, cell, keyOf);
        labels[task.spec.name] = resolved.classIndex;
        const problem = resolved.problem;
        if (problem === undefined) continue;
        const forgiven = problem.code === 'unknown-value' && options.unknownValues === 'missing';
        problems.add(
          new LabelError({
            code: problem.code,
            severity: forgiven ? 'warning' : 'error',
            line,
            column: written(problem.column),
            value: problem.value,
            task: task.spec.name,
            patientId,
            allowed: task.spec.classes,
            message: `column ${written(problem.column)}: ${problem.message}${
              forgiven ? '; read as missing' : ''
            }`,
          }),
        );
      }
      rows.push({ patientId, key, line, labels });
    };
    return readRow;
  }
}

/**
 * Reads and parses a label CSV file: `parseLabelCsv({ path }, spec, options)`.
 * @throws LabelError `io` when the file cannot be read.
 * @example
 * const table = readLabelCsv('data/train_labels.csv');
 */
export function readLabelCsv(
  path: string,
  spec: LabelSpec = DEFAULT_LABEL_SPEC,
  options: ParseLabelCsvOptions = {},
): LabelTable {
  return parseLabelCsv({ path }, spec, options);
}
