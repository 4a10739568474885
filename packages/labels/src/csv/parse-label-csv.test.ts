import { describe, expect, it } from 'vitest';
import type { LabelError } from '../errors/label-error';
import { csvRow, ORIGINAL_HEADER } from '../test-support';
import { parseLabelCsv } from './parse-label-csv';

const HEADER = ORIGINAL_HEADER.join(',');
const ROW = (id: string) => csvRow(id).join(',');

function fieldsOf(error: LabelError) {
  return {
    code: error.code,
    severity: error.severity,
    line: error.line,
    column: error.column,
    value: error.value,
  };
}

describe('parseLabelCsv: every problem, with its fields', () => {
  it('unknown value: line, column, value, task, patient id and allowed classes', () => {
    const table = parseLabelCsv(
      `${HEADER}\n${ROW('P1')}\n${csvRow('P2', { shaft_translation: 'partial' }).join(',')}\n`,
    );
    expect(table.problems).toHaveLength(1);
    const problem = table.problems[0]!;
    expect(fieldsOf(problem)).toEqual({
      code: 'unknown-value',
      severity: 'error',
      line: 3,
      column: 'shaft_translation',
      value: 'partial',
    });
    expect(problem.task).toBe('shaft_translation');
    expect(problem.patientId).toBe('P2');
    expect(problem.allowed).toEqual(['none', 'substantial', 'complete']);
    expect(problem.message).toBe(
      'line 3: column shaft_translation: task shaft_translation must be one of none, substantial, complete (or an alias in the label specification; an empty cell, NA, N/A, - or ? means missing), got "partial"',
    );
    expect(table.rows[1]!.labels.shaft_translation).toBe(-1);
    expect(table.rows[1]!.labels.varus).toBe(0);
  });

  it.each([
    ['none (5-25%)', 'parts that disagree'],
    ['substantial (see note)', 'a part that is not a spelling'],
  ])('a bracketed value %j is unknown: %s', (value) => {
    const table = parseLabelCsv(
      `${HEADER}\n${csvRow('P1', { shaft_translation: value }).join(',')}\n`,
    );
    expect(fieldsOf(table.problems[0]!)).toEqual({
      code: 'unknown-value',
      severity: 'error',
      line: 2,
      column: 'shaft_translation',
      value,
    });
  });

  it('numeric codes are unknown unless the spec declares them', () => {
    const table = parseLabelCsv(
      `${HEADER}\n${csvRow('P1', { shaft_translation: '2' }).join(',')}\n`,
    );
    expect(fieldsOf(table.problems[0]!)).toEqual({
      code: 'unknown-value',
      severity: 'error',
      line: 2,
      column: 'shaft_translation',
      value: '2',
    });
  });

  it('unknownValues: "missing" masks the value and warns; strict makes it an error again', () => {
    const text = `${HEADER}\n${csvRow('P1', { varus_malalignment: 'maybe' }).join(',')}\n`;
    const forgiving = parseLabelCsv(text, undefined, { unknownValues: 'missing' });
    expect(fieldsOf(forgiving.problems[0]!)).toEqual({
      code: 'unknown-value',
      severity: 'warning',
      line: 2,
      column: 'varus_malalignment',
      value: 'maybe',
    });
    expect(forgiving.problems[0]!.message.endsWith('; read as missing')).toBe(true);
    const strict = parseLabelCsv(text, undefined, { unknownValues: 'missing', strict: true });
    expect(strict.problems[0]!.severity).toBe('error');
  });

  it('missing columns: one problem listing all of them', () => {
    const table = parseLabelCsv(
      'patient_id,fracture_classification,varus_malalignment\nP1,2-part,no\n',
    );
    expect(table.problems).toHaveLength(1);
    const problem = table.problems[0]!;
    expect(problem.code).toBe('missing-columns');
    expect(problem.line).toBe(1);
    expect(problem.columns).toEqual([
      'gt_displacement_greater_equal_to_1cm',
      'shaft_translation',
      'art_involvement',
    ]);
    expect(problem.message).toBe(
      'line 1: the CSV must have the columns gt_displacement_greater_equal_to_1cm, shaft_translation, art_involvement (label specification ct-fracture-default), got a header with patient_id, fracture_classification, varus_malalignment',
    );
    // The tasks that can be read still are.
    expect(table.rows[0]!.labels).toMatchObject({
      fracture_parts: 1,
      varus: 0,
      shaft_translation: -1,
    });
  });

  it('a missing patient id column yields no rows', () => {
    const table = parseLabelCsv(`${ORIGINAL_HEADER.slice(1).join(',')}\n2-part,no,none,no,none\n`);
    expect(table.problems.map((problem) => problem.columns)).toEqual([['patient_id']]);
    expect(table.rows).toEqual([]);
  });

  it('duplicate column', () => {
    const table = parseLabelCsv(`${HEADER},Varus_Malalignment\n${ROW('P1')},yes\n`);
    expect(fieldsOf(table.problems[0]!)).toEqual({
      code: 'duplicate-column',
      severity: 'error',
      line: 1,
      column: 'Varus_Malalignment',
      value: 'Varus_Malalignment',
    });
    expect(table.rows[0]!.labels.varus).toBe(0);
  });

  it('duplicate patient id (case-insensitive) names both lines', () => {
    const table = parseLabelCsv(`${HEADER}\n${ROW('P1')}\n${ROW('P2')}\n${ROW('p1')}\n`);
    const problem = table.problems[0]!;
    expect(fieldsOf(problem)).toEqual({
      code: 'duplicate-patient',
      severity: 'error',
      line: 4,
      column: 'patient_id',
      value: 'p1',
    });
    expect(problem.firstLine).toBe(2);
    expect(problem.message).toBe(
      'line 4: each patient_id must appear once, got "p1" on line 2 and line 4; line 4 was skipped',
    );
    expect(table.rows.map((row) => row.patientId)).toEqual(['P1', 'P2']);
  });

  it('empty patient id', () => {
    const table = parseLabelCsv(`${HEADER}\n${csvRow(' ').join(',')}\n`);
    expect(fieldsOf(table.problems[0]!)).toEqual({
      code: 'empty-patient-id',
      severity: 'error',
      line: 2,
      column: 'patient_id',
      value: '',
    });
    expect(table.rows).toEqual([]);
  });

  it('row too long (an unquoted comma) is an error and the row is skipped', () => {
    const table = parseLabelCsv(`${HEADER}\nP1,2-part,no,5,25%,no,none\n`);
    expect(fieldsOf(table.problems[0]!)).toEqual({
      code: 'row-too-long',
      severity: 'error',
      line: 2,
      column: undefined,
      value: 'none',
    });
    expect(table.rows).toEqual([]);
  });

  it('trailing empty cells are not a long row', () => {
    const table = parseLabelCsv(`${HEADER}\n${ROW('P1')},,\n`);
    expect(table.problems).toEqual([]);
  });

  it('row too short is a warning (absent cells missing), an error when strict', () => {
    const text = `${HEADER}\nP1,2-part,no\n`;
    const table = parseLabelCsv(text);
    expect(fieldsOf(table.problems[0]!)).toEqual({
      code: 'row-too-short',
      severity: 'warning',
      line: 2,
      column: undefined,
      value: undefined,
    });
    expect(table.rows[0]!.labels).toMatchObject({
      fracture_parts: 1,
      gt_displacement: 0,
      varus: -1,
    });
    expect(parseLabelCsv(text, undefined, { strict: true }).problems[0]!.severity).toBe('error');
  });

  it('an unclosed quote is a csv-syntax error on the line it opens; reading goes on', () => {
    const table = parseLabelCsv(
      `${HEADER}\n${ROW('P1')}\nP2,"2-part,no,none,no,none\n${ROW('P3')}\n`,
    );
    expect(fieldsOf(table.problems[0]!)).toEqual({
      code: 'csv-syntax',
      severity: 'error',
      line: 3,
      column: undefined,
      value: undefined,
    });
    expect(table.rows.map((row) => row.patientId)).toEqual(['P1', 'P3']);
    expect(table.rows[1]!.line).toBe(4);
  });

  it('text after a closing quote is a csv-syntax error; reading goes on', () => {
    const table = parseLabelCsv(`${HEADER}\n"P1" x,2-part,no,none,no,none\n${ROW('P2')}\n`);
    expect(table.problems.map((problem) => [problem.code, problem.line])).toEqual([
      ['csv-syntax', 2],
    ]);
    expect(table.rows.map((row) => row.patientId)).toEqual(['P2']);
  });

  it('an empty file', () => {
    const table = parseLabelCsv('\ufeff\n\n');
    expect(table.problems.map((problem) => [problem.code, problem.line])).toEqual([
      ['empty-csv', 1],
    ]);
  });

  it('collects every problem of a file, in line order', () => {
    const text = [
      'patient_id,fracture_classification,gt_displacement_greater_equal_to_1cm,shaft_translation,varus_malalignment',
      csvRow('P1', { fracture_classification: '5-part' }).slice(0, 5).join(','),
      csvRow('P2', { varus_malalignment: 'maybe' }).slice(0, 5).join(','),
      csvRow('P1').slice(0, 5).join(','),
      csvRow('', {}).slice(0, 5).join(','),
    ].join('\n');
    const table = parseLabelCsv(text);
    expect(table.problems.map((problem) => [problem.code, problem.line])).toEqual([
      ['missing-columns', 1],
      ['unknown-value', 2],
      ['unknown-value', 3],
      ['duplicate-patient', 4],
      ['empty-patient-id', 5],
    ]);
  });
});
