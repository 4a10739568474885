import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRow, ORIGINAL_HEADER } from '../test-support';
import { CSV_LIMITS } from './csv-limits';
import { parseLabelCsv, readLabelCsv } from './parse-label-csv';

const HEADER = ORIGINAL_HEADER.join(',');
const ROW = (id: string) => csvRow(id).join(',');
const folder = mkdtempSync(join(tmpdir(), 'ctf-labels-limits-'));

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe('parseLabelCsv: bounded reading with clear problems past the limits', () => {
  it(`a file with more than ${CSV_LIMITS.rows} rows: a csv-limit error, the first rows kept`, () => {
    const rows = Array.from({ length: CSV_LIMITS.rows + 5 }, (_, index) => ROW(`P${index}`));
    const path = file('many.csv', `${HEADER}\n${rows.join('\n')}\n`);
    const table = readLabelCsv(path);
    expect(table.rows).toHaveLength(CSV_LIMITS.rows);
    expect(table.problems.map((problem) => problem.message)).toEqual([
      `${path}:line ${CSV_LIMITS.rows + 2}: a label CSV must have at most ${CSV_LIMITS.rows} rows after the header, got more; reading stopped here`,
    ]);
    expect(table.problems[0]!.severity).toBe('error');
  });

  it('a 20 000-character cell: that row is skipped, the message quotes 80 characters', () => {
    const long = 'x'.repeat(20_000);
    const path = file(
      'cell.csv',
      `${HEADER}\n${ROW('P1')}\nP2,${long},no,none,no,none\n${ROW('P3')}\n`,
    );
    const table = readLabelCsv(path);
    expect(table.rows.map((row) => row.patientId)).toEqual(['P1', 'P3']);
    expect(table.problems).toHaveLength(1);
    expect(table.problems[0]!.code).toBe('csv-limit');
    expect(table.problems[0]!.message).toBe(
      `${path}:line 3: cell 2 must be at most 10000 bytes, got 20000 bytes starting "${'x'.repeat(80)}"; the row was skipped`,
    );
  });

  it('past 1 000 problems, the rest are counted in one too-many-problems error', () => {
    const rows = Array.from({ length: 600 }, (_, index) =>
      csvRow(`P${index}`, { varus_malalignment: 'maybe', shaft_translation: 'partial' }).join(','),
    );
    const table = parseLabelCsv(`${HEADER}\n${rows.join('\n')}\n`);
    expect(table.problems).toHaveLength(1001);
    expect(table.problems.at(-1)!.code).toBe('too-many-problems');
    expect(table.problems.at(-1)!.severity).toBe('error');
    expect(table.problems.at(-1)!.message).toBe(
      'a label CSV lists at most 1000 problems; 200 more were found (200 errors, 0 warnings): fix those listed and check again',
    );
    expect(table.unlistedProblems).toEqual({ errors: 200, warnings: 0 });
  });

  it('an error after 1 000 warnings still fails the check', () => {
    const rows = Array.from({ length: 1000 }, (_, index) => `P${index},2-part`);
    const table = parseLabelCsv(
      `${HEADER}\n${rows.join('\n')}\n${csvRow('Q', { varus_malalignment: 'maybe' }).join(',')}\n`,
    );
    expect(table.problems.slice(0, 1000).every((problem) => problem.severity === 'warning')).toBe(
      true,
    );
    expect(table.problems.at(-1)!.severity).toBe('error');
    expect(table.unlistedProblems).toEqual({ errors: 1, warnings: 0 });
  });

  it('limits can be set per call', () => {
    const text = `${HEADER}\n${ROW('P1')}\n${ROW('P2')}\n${ROW('P3')}\n`;
    const table = parseLabelCsv(text, undefined, { limits: { rows: 2 } });
    expect(table.rows.map((row) => row.patientId)).toEqual(['P1', 'P2']);
    expect(table.problems.map((problem) => [problem.code, problem.line])).toEqual([
      ['csv-limit', 4],
    ]);
  });

  it.each<[string, (value: string) => string]>([
    ['an unknown value', (value) => csvRow('P1', { varus_malalignment: value }).join(',')],
    ['a duplicate patient id', (value) => `${csvRow(value).join(',')}\n${csvRow(value).join(',')}`],
  ])('%s of 5 000 characters is quoted to at most 80 in the message', (_, row) => {
    const value = `${'v'.repeat(4999)}w`;
    const table = parseLabelCsv(`${HEADER}\n${row(value)}\n`);
    expect(table.problems).toHaveLength(1);
    const { message } = table.problems[0]!;
    expect(message).toContain(`"${'v'.repeat(80)}…" (5000 characters)`);
    expect(message.length).toBeLessThan(400);
    expect(table.problems[0]!.value).toBe(value);
  });
});
