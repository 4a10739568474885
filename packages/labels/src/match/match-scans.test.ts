import { describe, expect, it } from 'vitest';
import { parseLabelCsv } from '../csv/parse-label-csv';
import { csvRow, ORIGINAL_HEADER, toCsv } from '../test-support';
import { matchScansToRows } from './match-scans';
import { scanMatcher } from './scan-matcher';

const table = parseLabelCsv(
  toCsv([[...ORIGINAL_HEADER], csvRow('P1'), csvRow('P2'), csvRow('Case-3'), csvRow('P4')]),
);

describe('matchScansToRows', () => {
  it('matches by the original rule and reports every unmatched scan and row', () => {
    const matching = matchScansToRows(
      ['d/P1.nii', 'd/p2-left.nii.gz', 'd/Case-3.nii', 'd/P9.nii'],
      table.rows,
      { file: 'labels.csv' },
    );
    expect(
      matching.matches.map((match) => [match.scan, match.row.patientId, match.rowIndex]),
    ).toEqual([
      ['d/P1.nii', 'P1', 0],
      ['d/p2-left.nii.gz', 'P2', 1],
    ]);
    // "Case-3.nii" → "case" by the original rule (up to the first "-"): no row.
    expect(matching.unmatchedScans).toEqual([
      { scan: 'd/Case-3.nii', key: 'case' },
      { scan: 'd/P9.nii', key: 'p9' },
    ]);
    expect(matching.unmatchedRows.map((row) => row.patientId)).toEqual(['Case-3', 'P4']);
    expect(
      matching.problems.map((problem) => ({
        code: problem.code,
        severity: problem.severity,
        file: problem.file,
        line: problem.line,
        value: problem.value,
        scan: problem.scan,
      })),
    ).toEqual([
      {
        code: 'unmatched-scan',
        severity: 'warning',
        file: 'd/Case-3.nii',
        line: undefined,
        value: 'Case-3.nii',
        scan: 'd/Case-3.nii',
      },
      {
        code: 'unmatched-scan',
        severity: 'warning',
        file: 'd/P9.nii',
        line: undefined,
        value: 'P9.nii',
        scan: 'd/P9.nii',
      },
      {
        code: 'unmatched-row',
        severity: 'warning',
        file: 'labels.csv',
        line: 4,
        value: 'Case-3',
        scan: undefined,
      },
      {
        code: 'unmatched-row',
        severity: 'warning',
        file: 'labels.csv',
        line: 5,
        value: 'P4',
        scan: undefined,
      },
    ]);
    expect(matching.problems[1]!.message).toBe(
      'd/P9.nii: every scan must match a row of the label CSV, got patient id "p9", which has no row',
    );
    expect(matching.problems[3]!.message).toBe(
      'labels.csv:line 5: every row must match a scan, got patient "P4" with no scan',
    );
  });

  it('strict makes them errors', () => {
    const matching = matchScansToRows(['P9.nii'], table.rows, { strict: true });
    expect(new Set(matching.problems.map((problem) => problem.severity))).toEqual(
      new Set(['error']),
    );
  });

  it('a second scan of the same row is reported and kept', () => {
    const matching = matchScansToRows(['P1.nii', 'P1-b.nii', 'P2.nii'], table.rows.slice(0, 2));
    expect(matching.matches.map((match) => match.row.patientId)).toEqual(['P1', 'P1', 'P2']);
    expect(matching.problems.map((problem) => [problem.code, problem.value, problem.line])).toEqual(
      [['duplicate-scan', 'P1-b.nii', 2]],
    );
  });

  it('a custom pattern', () => {
    const matching = matchScansToRows(['sub-case-3_ct.nii', 'sub-P1_ct.nii'], table.rows, {
      matcher: scanMatcher('^sub-(?<id>.+)_ct'),
    });
    expect(matching.matches.map((match) => match.row.patientId)).toEqual(['Case-3', 'P1']);
  });
});
