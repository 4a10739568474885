import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain as run } from '../test-support/run-main';

const HEADER =
  'patient_id,fracture_classification,gt_displacement_greater_equal_to_1cm,shaft_translation,varus_malalignment,art_involvement';

/** A data folder with a label CSV (`rows` after the header) and empty scans named `scans`. */
function dataset(rows: string[], scans: string[]) {
  const root = mkdtempSync(join(tmpdir(), 'ctf-cli-labels-'));
  const folder = join(root, 'scans');
  mkdirSync(folder);
  for (const scan of scans) writeFileSync(join(folder, scan), '');
  const csv = join(root, 'train_labels.csv');
  writeFileSync(csv, `${[HEADER, ...rows].join('\r\n')}\r\n`);
  return { root, csv, folder };
}

const CLEAN = [
  'P001,2-part,yes,none,no,none or rim',
  'P002,4-part dislocation,No,≥25% overlap,Y,head split',
  'P003,one-part,n,complete,n,subcritical',
  'P004,3 part,1,5-25%,0,NA',
];

describe('ct-fracture labels check', () => {
  it('a clean dataset: counts per task, no problems, exit 0', async () => {
    const { csv, folder } = dataset(CLEAN, [
      'P001.nii',
      'P002-left.nii.gz',
      'P003.nii',
      'P004.nii',
    ]);
    const { code, out, err } = await run('labels', 'check', '--csv', csv, '--scans', folder);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('4 rows; 4 scans');
    expect(out).toMatch(/^fracture_parts\s+1-part\s+1$/m);
    expect(out).toMatch(/^\s+multipart\s+2$/m);
    expect(out).toMatch(/^dislocation\s+no\s+3$/m);
    expect(out).toMatch(/^articular\s+none-rim\s+1$/m);
    expect(out).toMatch(/^\s+\(missing\)\s+1$/m);
    expect(out).toContain('unmatched scans: none');
    expect(out).toContain('problems: 0 errors, 0 warnings');
  });

  const FIVE_MISTAKES = [
    'P001,2-part,yes,none,no,none or rim',
    'P002,5-part,no,none,no,none', // 1. unknown value
    'P001,2-part,no,none,no,none', // 2. duplicate patient id
    ',2-part,no,none,no,none', // 3. empty patient id
    'P005,2-part,no,5,25%,no,none', // 4. unquoted comma: too many cells
    'P006,2-part,no,none,maybe,subcritical', // 5. another unknown value, in another column
  ];

  it('a hand-made CSV with five mistakes: all five reported, exit 1', async () => {
    const { csv, folder } = dataset(FIVE_MISTAKES, ['P001.nii', 'P002.nii', 'P006.nii']);
    const { code, out, err } = await run('labels', 'check', '--csv', csv, '--scans', folder);
    expect(code).toBe(1);
    expect(out).toContain('problems: 5 errors, 0 warnings');
    const problems = out.split('\n').filter((line) => line.startsWith('  error'));
    expect(problems).toHaveLength(5);
    expect(problems[0]).toContain(`${csv}:line 3: column fracture_classification:`);
    expect(problems[0]).toContain('got "5-part"');
    expect(problems[1]).toContain(
      `${csv}:line 4: each patient_id must appear once, got "P001" on line 2 and line 4`,
    );
    expect(problems[2]).toContain(`${csv}:line 5: every row must have a patient_id`);
    expect(problems[3]).toContain(
      `${csv}:line 6: a row must have at most 6 cells like the header, got 7`,
    );
    expect(problems[4]).toContain(`${csv}:line 7: column varus_malalignment:`);
    expect(problems[4]).toContain('got "maybe"');
    expect(err.trim().split('\n')).toEqual([
      `ct-fracture: ${csv}: labels check must find no errors, got 5 (0 warnings)`,
    ]);
  });

  it('--json prints one document with every problem and its fields', async () => {
    const { csv, folder } = dataset(FIVE_MISTAKES, [
      'P001.nii',
      'P002.nii',
      'P006.nii',
      'P404.nii',
    ]);
    const { code, out } = await run('labels', 'check', '--csv', csv, '--scans', folder, '--json');
    expect(code).toBe(1);
    const report = JSON.parse(out) as {
      problems: {
        code: string;
        severity: string;
        line?: number;
        column?: string;
        value?: string;
      }[];
      counts: Record<string, { counts: Record<string, number>; missing: number }>;
      unmatchedScans: { scan: string; patientId: string }[];
      errorCount: number;
      ok: boolean;
    };
    expect(report.ok).toBe(false);
    expect(report.errorCount).toBe(5);
    expect(
      report.problems.map(({ code, severity, line, column, value }) => ({
        code,
        severity,
        line,
        column,
        value,
      })),
    ).toEqual([
      {
        code: 'unknown-value',
        severity: 'error',
        line: 3,
        column: 'fracture_classification',
        value: '5-part',
      },
      {
        code: 'duplicate-patient',
        severity: 'error',
        line: 4,
        column: 'patient_id',
        value: 'P001',
      },
      { code: 'empty-patient-id', severity: 'error', line: 5, column: 'patient_id', value: '' },
      { code: 'row-too-long', severity: 'error', line: 6, column: undefined, value: 'none' },
      {
        code: 'unknown-value',
        severity: 'error',
        line: 7,
        column: 'varus_malalignment',
        value: 'maybe',
      },
      {
        code: 'unmatched-scan',
        severity: 'warning',
        line: undefined,
        column: undefined,
        value: 'P404.nii',
      },
    ]);
    expect(report.unmatchedScans).toEqual([{ scan: join(folder, 'P404.nii'), patientId: 'p404' }]);
    expect(report.counts.fracture_parts).toEqual({
      classes: ['1-part', '2-part', 'multipart'],
      counts: { '1-part': 0, '2-part': 2, multipart: 0 },
      missing: 1,
    });
  });

  it('unmatched scans and rows are warnings (exit 0), errors with --strict (exit 1)', async () => {
    const { csv, folder } = dataset(CLEAN, ['P001.nii', 'P002.nii', 'P003.nii', 'P999.nii']);
    const relaxed = await run('labels', 'check', '--csv', csv, '--scans', folder);
    expect(relaxed.code).toBe(0);
    expect(relaxed.out).toContain('unmatched scans (1): P999.nii (p999)');
    expect(relaxed.out).toContain('unmatched rows (1): P004 (line 5)');
    expect(relaxed.out).toContain('problems: 0 errors, 2 warnings');
    const strict = await run('labels', 'check', '--csv', csv, '--scans', folder, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('problems: 2 errors, 0 warnings (strict)');
  });

  it('a CSV past the row limit: exit 1, one csv-limit error naming the line, the rest read', async () => {
    const rows = Array.from({ length: 100_003 }, (_, index) => `P${index},2-part,no,none,no,none`);
    const { csv, folder } = dataset(rows, ['P0.nii']);
    const { code, out, err } = await run('labels', 'check', '--csv', csv, '--scans', folder);
    expect(code).toBe(1);
    expect(out).toContain('100000 rows; 1 scans');
    expect(out).toContain(
      `error   ${csv}:line 100002: a label CSV must have at most 100000 rows after the header, got more; reading stopped here`,
    );
    expect(out).toContain('unmatched rows (99999): P1 (line 3), P2 (line 4)');
    expect(out).toContain('… (99949 more)');
    expect(out).toMatch(/… and \d+ more problems not shown \(--json lists them all\)/);
    expect(err.trim().split('\n')).toEqual([
      `ct-fracture: ${csv}: labels check must find no errors, got 1 (99999 warnings)`,
    ]);
  });

  it('a 50 MB cell: exit 1, the message quotes 80 characters of it', async () => {
    const { csv, folder } = dataset(
      [`P001,${'A'.repeat(50 * 1024 * 1024)},no,none,no,none`, ...CLEAN.slice(1)],
      [],
    );
    const { code, out } = await run('labels', 'check', '--csv', csv, '--scans', folder);
    expect(code).toBe(1);
    expect(out).toContain(
      `${csv}:line 2: cell 2 must be at most 10000 bytes, got 52428800 bytes starting "${'A'.repeat(80)}"; the row was skipped`,
    );
    expect(out.length).toBeLessThan(10_000);
  });

  it('--spec original and --pattern', async () => {
    const { csv, folder } = dataset(CLEAN, [
      'sub-P001_ct.nii',
      'sub-P002_ct.nii',
      'sub-P003_ct.nii',
      'sub-P004_ct.nii',
    ]);
    const { code, out } = await run(
      'labels',
      'check',
      '--csv',
      csv,
      '--scans',
      folder,
      '--spec',
      'original',
      '--pattern',
      '^sub-(?<id>[^_]+)_',
      '--json',
    );
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      spec: { name: string };
      matched: number;
      counts: Record<string, unknown>;
    };
    expect(report.spec.name).toBe('ct-fracture-original-5');
    expect(report.matched).toBe(4);
    expect(Object.keys(report.counts)).toEqual([
      'fracture',
      'gt_displacement',
      'shaft_translation',
      'varus',
      'articular',
    ]);
  });

  it('a bad spec file: exit 1, one line naming the file and the field', async () => {
    const { root, csv, folder } = dataset(CLEAN, []);
    const spec = join(root, 'spec.json');
    writeFileSync(
      spec,
      JSON.stringify({
        name: 'x',
        tasks: [{ name: 'varus', column: 'v', kind: 'binnary', classes: ['no', 'yes'] }],
      }),
    );
    const { code, err } = await run(
      'labels',
      'check',
      '--csv',
      csv,
      '--scans',
      folder,
      '--spec',
      spec,
    );
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(
      `${spec}: the label specification is not valid: tasks[0].kind must be one of "binary", "multiclass", got "binnary"`,
    );
  });

  it.each([
    [['labels', 'check', '--scans', '.'], "required option '--csv <file>' not specified"],
    [
      ['labels', 'check', '--csv', 'x.csv', '--scans', '.', '--pattern', '([a-z]+)'],
      'must have a named group',
    ],
  ])('usage errors exit 2: %j', async (args, message) => {
    const { code, err } = await run(...args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it('a missing CSV: exit 1, one line', async () => {
    const { folder } = dataset([], []);
    const { code, err } = await run(
      'labels',
      'check',
      '--csv',
      '/nonexistent/labels.csv',
      '--scans',
      folder,
    );
    expect(code).toBe(1);
    expect(err).toMatch(
      /^ct-fracture: \/nonexistent\/labels\.csv: the label CSV must be a readable file/,
    );
  });
});
