import { quoteValue } from '@ct-fracture/core';
import type { LabelRow } from '../csv/label-table';
import { LabelError } from '../errors/label-error';
import { type ScanMatcher, scanMatcher } from './scan-matcher';

/** A scan and the CSV row it belongs to. */
export interface ScanMatch {
  /** The scan file as given. */
  readonly scan: string;
  /** Index of the row in the `rows` given. */
  readonly rowIndex: number;
  readonly row: LabelRow;
}

/** The result of matching scan files to CSV rows. */
export interface ScanMatching {
  /** Matched scans, in the order the scans were given. */
  readonly matches: readonly ScanMatch[];
  /** Scans without a row, with the key they were looked up by (`undefined`: the pattern did not match). */
  readonly unmatchedScans: readonly { readonly scan: string; readonly key: string | undefined }[];
  /** Rows without a scan, in row order. */
  readonly unmatchedRows: readonly LabelRow[];
  /** One problem per unmatched scan, unmatched row and scan that shares a row with an earlier one. */
  readonly problems: readonly LabelError[];
}

/** Options of {@link matchScansToRows}. */
export interface MatchScansOptions {
  /** The matcher (default: the original rule, `scanMatcher()`). */
  readonly matcher?: ScanMatcher;
  /** Make unmatched and duplicate scans/rows errors instead of warnings. */
  readonly strict?: boolean;
  /** The CSV file, for the location of unmatched-row problems. */
  readonly file?: string;
}

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/**
 * Matches scan files to CSV rows by key (the original rule by default): every
 * scan without a row and every row without a scan is reported (warnings, or
 * errors with `strict`), as is a second scan of the same row (both are kept).
 *
 * @param scans - scan file names or paths.
 * @param rows - the label rows (`LabelTable.rows`).
 * @example
 * const { matches, unmatchedScans } = matchScansToRows(['P1.nii', 'P9.nii'], table.rows);
 */
export function matchScansToRows(
  scans: readonly string[],
  rows: readonly LabelRow[],
  options: MatchScansOptions = {},
): ScanMatching {
  const matcher = options.matcher ?? scanMatcher();
  const severity = options.strict ? 'error' : 'warning';
  const byKey = new Map<string, number>();
  rows.forEach((row, index) => {
    if (!byKey.has(row.key)) byKey.set(row.key, index);
  });
  const matches: ScanMatch[] = [];
  const unmatchedScans: { scan: string; key: string | undefined }[] = [];
  const problems: LabelError[] = [];
  const firstScan = new Map<number, string>();
  for (const scan of scans) {
    const key = matcher(scan);
    const rowIndex = key === undefined ? undefined : byKey.get(key);
    if (rowIndex === undefined) {
      unmatchedScans.push({ scan, key });
      problems.push(
        new LabelError({
          code: 'unmatched-scan',
          severity,
          file: scan,
          scan,
          value: baseName(scan),
          patientId: key,
          message:
            key === undefined
              ? 'every scan must match a row of the label CSV, got a file name that does not match the scan pattern'
              : `every scan must match a row of the label CSV, got patient id ${quoteValue(key)}, which has no row`,
        }),
      );
      continue;
    }
    const row = rows[rowIndex]!;
    const earlier = firstScan.get(rowIndex);
    if (earlier !== undefined) {
      problems.push(
        new LabelError({
          code: 'duplicate-scan',
          severity,
          scan,
          file: options.file,
          line: row.line,
          value: baseName(scan),
          patientId: row.patientId,
          message: `each row should match one scan, got ${baseName(earlier)} and ${baseName(scan)} for patient ${quoteValue(row.patientId)}`,
        }),
      );
    } else {
      firstScan.set(rowIndex, scan);
    }
    matches.push({ scan, rowIndex, row });
  }
  const unmatchedRows = rows.filter((_row, index) => !firstScan.has(index));
  for (const row of unmatchedRows) {
    problems.push(
      new LabelError({
        code: 'unmatched-row',
        severity,
        file: options.file,
        line: row.line,
        value: row.patientId,
        patientId: row.patientId,
        message: `every row must match a scan, got patient ${quoteValue(row.patientId)} with no scan`,
      }),
    );
  }
  return { matches, unmatchedScans, unmatchedRows, problems };
}
