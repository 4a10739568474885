import type { LabelTable } from '../csv/label-table';
import { parseLabelCsv } from '../csv/parse-label-csv';
import type { LabelError } from '../errors/label-error';
import { matchScansToRows, type ScanMatching } from '../match/match-scans';
import { scanMatcher } from '../match/scan-matcher';
import { DEFAULT_LABEL_SPEC } from '../spec/default-label-spec';
import type { LabelSpec } from '../spec/label-spec';
import { countClasses, type TaskClassCounts } from '../stats/class-counts';
import { DEFAULT_SCAN_EXTENSIONS, listScanFiles } from './list-scan-files';

/** What {@link checkLabelDataset} checks. */
export interface CheckLabelDatasetOptions {
  /** The label CSV file. */
  readonly csv: string;
  /** A folder of scans (listed with `listScanFiles`) or the scan files themselves. */
  readonly scans: string | readonly string[];
  /** The label specification (default {@link DEFAULT_LABEL_SPEC}). */
  readonly spec?: LabelSpec;
  /** Make every warning (unmatched scans/rows, short rows, …) an error. */
  readonly strict?: boolean;
  /** A scan-matching regex with a named group `id` (default: the original rule). */
  readonly pattern?: string;
  /** Scan file endings when `scans` is a folder (default `.nii`, `.nii.gz`). */
  readonly extensions?: readonly string[];
  /** See `ParseLabelCsvOptions.unknownValues`. */
  readonly unknownValues?: 'error' | 'missing';
}

/** Everything known about a label CSV and its scans. */
export interface LabelDatasetReport {
  readonly table: LabelTable;
  readonly scans: readonly string[];
  readonly matching: ScanMatching;
  /** Class counts per task over all rows of the CSV. */
  readonly counts: Readonly<Record<string, TaskClassCounts>>;
  /** Every problem of the CSV and the matching, in order (CSV problems first, by line). */
  readonly problems: readonly LabelError[];
  readonly errorCount: number;
  readonly warningCount: number;
  /** True when there is no error (warnings are errors with `strict`). */
  readonly ok: boolean;
}

/**
 * Checks a label CSV against its scans: parses the CSV (all problems), matches
 * scans to rows, counts classes. Unmatched scans and rows are warnings, errors
 * with `strict`. Nothing is thrown for bad data; only unreadable files throw.
 *
 * @throws LabelError `io` when the CSV or the scan folder cannot be read;
 *   `invalid-pattern` for a bad `pattern`.
 * @example
 * const report = checkLabelDataset({ csv: 'data/train_labels.csv', scans: 'data/new_datasets/one_side_train' });
 * if (!report.ok) for (const problem of report.problems) console.error(problem.message);
 */
export function checkLabelDataset(options: CheckLabelDatasetOptions): LabelDatasetReport {
  const matcher = scanMatcher(options.pattern);
  const table = parseLabelCsv({ path: options.csv }, options.spec ?? DEFAULT_LABEL_SPEC, {
    strict: options.strict,
    unknownValues: options.unknownValues,
  });
  const scans =
    typeof options.scans === 'string'
      ? listScanFiles(options.scans, options.extensions ?? DEFAULT_SCAN_EXTENSIONS)
      : [...options.scans];
  const matching = matchScansToRows(scans, table.rows, {
    matcher,
    strict: options.strict,
    file: table.file,
  });
  const problems = [...table.problems, ...matching.problems];
  // A `too-many-problems` entry stands for the unlisted ones, counted exactly.
  const listed = problems.filter((problem) => problem.code !== 'too-many-problems');
  const listedErrors = listed.filter((problem) => problem.severity === 'error').length;
  const errorCount = listedErrors + (table.unlistedProblems?.errors ?? 0);
  return {
    table,
    scans,
    matching,
    counts: countClasses(table),
    problems,
    errorCount,
    warningCount: listed.length - listedErrors + (table.unlistedProblems?.warnings ?? 0),
    ok: errorCount === 0,
  };
}
