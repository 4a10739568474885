import type { LabelError } from '../errors/label-error';
import type { LabelSpec } from '../spec/label-spec';
import type { CsvLimits } from './csv-limits';
import type { UnlistedProblems } from './problem-list';
import type { CsvDelimiter } from './read-csv-records';

/** One labelled patient: a CSV row with its class index per task. */
export interface LabelRow {
  /** The patient id as written (trimmed). */
  readonly patientId: string;
  /** The matching key: the patient id lower-cased (scans match on it). */
  readonly key: string;
  /** The 1-based line the row starts on (the header is line 1). */
  readonly line: number;
  /** Task name → class index into the task's `classes`; **-1 = missing** (masked). */
  readonly labels: Readonly<Record<string, number>>;
}

/** A parsed label CSV: its rows and every problem found. */
export interface LabelTable {
  readonly spec: LabelSpec;
  /** The CSV file, when read from one (or named in the options). */
  readonly file: string | undefined;
  readonly delimiter: CsvDelimiter;
  /** The header cells as written. */
  readonly columns: readonly string[];
  /**
   * The rows, in file order. Rows with a fatal problem (empty or duplicate patient
   * id, too many cells) are left out; a row with a bad value is kept with -1 for
   * that task.
   */
  readonly rows: readonly LabelRow[];
  /**
   * The problems, in line order; `severity` says which are errors. At most
   * `CSV_LIMITS.problems` are listed, then one `too-many-problems` (see `unlistedProblems`).
   */
  readonly problems: readonly LabelError[];
  /** How many problems were found beyond those listed, when some were. */
  readonly unlistedProblems?: UnlistedProblems;
}

/** How `parseLabelCsv` reads a CSV. */
export interface ParseLabelCsvOptions {
  /** The file name used in messages (defaults to the path when reading a file). */
  readonly file?: string;
  /** The delimiter, or `'auto'` (default): the most frequent of `,` `;` tab in the header. */
  readonly delimiter?: CsvDelimiter | 'auto';
  /**
   * `'error'` (default): an unknown value is an error. `'missing'`: it is read as
   * missing and reported as a warning.
   */
  readonly unknownValues?: 'error' | 'missing';
  /** Make every warning an error (short rows, forgiven unknown values). */
  readonly strict?: boolean;
  /** Bounds on rows and on cell and row sizes (default `CSV_LIMITS`; give only those to change). */
  readonly limits?: Partial<CsvLimits>;
}
