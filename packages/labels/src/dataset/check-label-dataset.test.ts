import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORIGINAL_LABEL_SPEC } from '../spec/original-label-spec';
import { csvRow, ORIGINAL_HEADER, toCsv } from '../test-support';
import { checkLabelDataset } from './check-label-dataset';
import { listScanFiles } from './list-scan-files';

function dataset() {
  const root = mkdtempSync(join(tmpdir(), 'ctf-labels-dataset-'));
  const scans = join(root, 'scans');
  mkdirSync(scans);
  mkdirSync(join(scans, 'series-P7'));
  mkdirSync(join(scans, '.ct-fracture-cache'));
  for (const name of ['P1.nii', 'p2-left.nii.gz', 'P9.NII', 'notes.txt']) {
    writeFileSync(join(scans, name), '');
  }
  const csv = join(root, 'labels.csv');
  writeFileSync(
    csv,
    toCsv([
      [...ORIGINAL_HEADER],
      csvRow('P1', { fracture_classification: '4-part dislocation' }),
      csvRow('P2', { varus_malalignment: 'maybe' }),
      csvRow('P3'),
    ]),
  );
  return { root, scans, csv };
}

describe('listScanFiles', () => {
  it('lists .nii and .nii.gz files (any case) and series folders, sorted, not hidden folders or other files', () => {
    const { scans } = dataset();
    expect(listScanFiles(scans).map((path) => path.slice(scans.length + 1))).toEqual([
      'P1.nii',
      'P9.NII',
      'p2-left.nii.gz',
      'series-P7',
    ]);
  });
  it('an unreadable folder is an io error', () => {
    expect(() => listScanFiles('/nonexistent/ctf')).toThrow(
      expect.objectContaining({ code: 'io', file: '/nonexistent/ctf' }),
    );
  });
});

describe('checkLabelDataset', () => {
  it('reports CSV problems, unmatched scans and rows, and class counts', () => {
    const { scans, csv } = dataset();
    const report = checkLabelDataset({ csv, scans });
    expect(report.scans).toHaveLength(4);
    expect(report.matching.matches.map((match) => match.row.patientId)).toEqual(['P1', 'P2']);
    expect(
      report.problems.map((problem) => [
        problem.code,
        problem.severity,
        problem.line,
        problem.value,
      ]),
    ).toEqual([
      ['unknown-value', 'error', 3, 'maybe'],
      ['unmatched-scan', 'warning', undefined, 'P9.NII'],
      ['unmatched-scan', 'warning', undefined, 'series-P7'],
      ['unmatched-row', 'warning', 4, 'P3'],
    ]);
    expect(report.errorCount).toBe(1);
    expect(report.warningCount).toBe(3);
    expect(report.ok).toBe(false);
    expect(report.counts.dislocation!.counts).toEqual([2, 1]);
    expect(report.counts.varus!.missing).toBe(1);
  });

  it('strict makes unmatched scans and rows errors', () => {
    const { scans, csv } = dataset();
    const report = checkLabelDataset({ csv, scans, strict: true, unknownValues: 'missing' });
    expect(report.problems.map((problem) => problem.severity)).toEqual([
      'error',
      'error',
      'error',
      'error',
    ]);
    expect(report.errorCount).toBe(4);
  });

  it('is ok without strict when only warnings remain, and takes a spec, a pattern and a file list', () => {
    const { csv } = dataset();
    const report = checkLabelDataset({
      csv,
      scans: ['x/scan_P1_ct.nii', 'x/scan_P2_ct.nii', 'x/scan_P3_ct.nii'],
      pattern: '^scan_(?<id>[^_]+)_',
      spec: ORIGINAL_LABEL_SPEC,
      unknownValues: 'missing',
    });
    expect(report.ok).toBe(true);
    expect(report.matching.unmatchedRows).toEqual([]);
    expect(report.counts.fracture!.counts).toEqual([0, 2, 1, 0]);
  });
});
