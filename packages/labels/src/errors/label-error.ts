import { CtFractureError } from '@ct-fracture/core';

/** What is wrong with a label CSV, a task specification, a scan ↔ row match or an option. */
export type LabelErrorCode =
  /** The CSV lacks columns the specification needs (`columns` lists all of them). */
  | 'missing-columns'
  /** Two header cells name the same column (after trimming and case folding). */
  | 'duplicate-column'
  /** A cell holds a value that is neither a class, an alias nor a missing marker. */
  | 'unknown-value'
  /** Two sources of one task disagree (e.g. a `dislocation` column says "no", the marker says yes). */
  | 'conflicting-labels'
  /** A patient id appears on two rows (`firstLine` and `line`). */
  | 'duplicate-patient'
  /** A row has an empty patient id. */
  | 'empty-patient-id'
  /** A row has more cells than the header (probably an unquoted delimiter in a value). */
  | 'row-too-long'
  /** A row has fewer cells than the header (the absent cells are read as missing). */
  | 'row-too-short'
  /** A scan file matches no CSV row. */
  | 'unmatched-scan'
  /** A CSV row matches no scan file. */
  | 'unmatched-row'
  /** Two scan files match the same CSV row. */
  | 'duplicate-scan'
  /** The label specification is not valid (`path` names the field). */
  | 'invalid-spec'
  /** A scan-matching pattern is not a valid regular expression with an `id` group. */
  | 'invalid-pattern'
  /** A function option is out of range (split fraction, fold count, seed, …). */
  | 'invalid-option'
  /** The CSV text itself is malformed (an unclosed quote, text after a closing quote). */
  | 'csv-syntax'
  /** The CSV passes a bound (`CSV_LIMITS`): too many rows, a cell or a row too long. */
  | 'csv-limit'
  /** More problems than a CSV lists (`CSV_LIMITS.problems`): this one counts the rest. */
  | 'too-many-problems'
  /** The CSV has no header line. */
  | 'empty-csv'
  /** An aggregate: the label data has errors (`problems` holds every one of them). */
  | 'invalid-labels'
  /** A file or folder could not be read. */
  | 'io';

/** How serious a problem is: errors fail a check; warnings fail it only in strict mode. */
export type LabelProblemSeverity = 'error' | 'warning';

/** The fields a {@link LabelError} can carry; every field but `code` and `message` is optional. */
export interface LabelErrorOptions {
  code: LabelErrorCode;
  /** What must be and what we got; the location prefix (`file:line N: `) is added for you. */
  message: string;
  /** `'error'` (default) or `'warning'`. */
  severity?: LabelProblemSeverity;
  /** The file at fault (CSV, specification JSON, scan folder). */
  file?: string;
  /** 1-based physical line of the CSV record (the header is line 1). */
  line?: number;
  /** For `duplicate-patient`: the line where the patient id first appeared. */
  firstLine?: number;
  /** The CSV column at fault, as written in the header. */
  column?: string;
  /** All columns at fault (`missing-columns`). */
  columns?: readonly string[];
  /** The offending value, exactly as written (after CSV unquoting). */
  value?: string;
  /** The task the value was read for. */
  task?: string;
  /** The patient id of the row at fault. */
  patientId?: string;
  /** The values that would have been accepted (class names; aliases are in the spec). */
  allowed?: readonly string[];
  /** For `invalid-spec`: the JSON path of the bad field, e.g. `tasks[2].classes`. */
  path?: string;
  /** A scan file at fault (`unmatched-scan`, `duplicate-scan`). */
  scan?: string;
  /** For `invalid-labels`: every problem found. */
  problems?: readonly LabelError[];
  cause?: unknown;
}

/**
 * A problem in label data, with where it is: `file`, 1-based CSV `line`, `column`
 * and the offending `value` when they apply (plus `task`, `allowed`, `path`, … —
 * see {@link LabelErrorOptions}). The same class describes collected problems
 * (`severity` `'error'` or `'warning'`) and thrown errors.
 *
 * @example
 * const error = new LabelError({ code: 'unknown-value', message: 'x', line: 3, column: 'varus_malalignment', value: 'maybe' });
 * error.message; // 'line 3: x'
 */
export class LabelError extends CtFractureError {
  static override readonly errorName: string = 'LabelError';
  declare readonly code: LabelErrorCode;
  /** The message without the `file:line N: ` prefix. */
  readonly detail: string;
  readonly severity: LabelProblemSeverity;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly firstLine: number | undefined;
  readonly column: string | undefined;
  readonly columns: readonly string[] | undefined;
  readonly value: string | undefined;
  readonly task: string | undefined;
  readonly patientId: string | undefined;
  readonly allowed: readonly string[] | undefined;
  readonly path: string | undefined;
  readonly scan: string | undefined;
  readonly problems: readonly LabelError[] | undefined;

  constructor(options: LabelErrorOptions) {
    const where = [options.file, options.line === undefined ? undefined : `line ${options.line}`]
      .filter((part) => part !== undefined)
      .join(':');
    super({
      code: options.code,
      message: where === '' ? options.message : `${where}: ${options.message}`,
      cause: options.cause,
    });
    this.detail = options.message;
    this.severity = options.severity ?? 'error';
    this.file = options.file;
    this.line = options.line;
    this.firstLine = options.firstLine;
    this.column = options.column;
    this.columns = options.columns;
    this.value = options.value;
    this.task = options.task;
    this.patientId = options.patientId;
    this.allowed = options.allowed;
    this.path = options.path;
    this.scan = options.scan;
    this.problems = options.problems;
  }

  /** A copy with another severity (strict mode promotes warnings to errors). */
  withSeverity(severity: LabelProblemSeverity): LabelError {
    if (severity === this.severity) return this;
    return new LabelError({ ...this.toOptions(), severity });
  }

  /** A copy located in `file` (kept when this error already names a file). */
  inFile(file: string | undefined): LabelError {
    if (file === undefined || this.file !== undefined) return this;
    return new LabelError({ ...this.toOptions(), file });
  }

  /** A plain JSON object with every field that is set (for `--json` output). */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      code: this.code,
      severity: this.severity,
      message: this.message,
    };
    const options = this.toOptions();
    for (const key of [
      'file',
      'line',
      'firstLine',
      'column',
      'columns',
      'value',
      'task',
      'patientId',
      'allowed',
      'path',
      'scan',
    ] as const) {
      if (options[key] !== undefined) json[key] = options[key];
    }
    if (this.problems !== undefined)
      json.problems = this.problems.map((problem) => problem.toJSON());
    return json;
  }

  private toOptions(): LabelErrorOptions {
    return {
      code: this.code,
      message: this.detail,
      severity: this.severity,
      file: this.file,
      line: this.line,
      firstLine: this.firstLine,
      column: this.column,
      columns: this.columns,
      value: this.value,
      task: this.task,
      patientId: this.patientId,
      allowed: this.allowed,
      path: this.path,
      scan: this.scan,
      problems: this.problems,
      cause: this.cause,
    };
  }
}
