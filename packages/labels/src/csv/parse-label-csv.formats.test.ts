import { describe, expect, it } from 'vitest';
import type { LabelError } from '../errors/label-error';
import { csvRow, ORIGINAL_HEADER, toCsv } from '../test-support';
import { parseLabelCsv } from './parse-label-csv';

const HEADER = ORIGINAL_HEADER.join(',');
const ROW = (id: string) => csvRow(id).join(',');

function _fieldsOf(error: LabelError) {
  return {
    code: error.code,
    severity: error.severity,
    line: error.line,
    column: error.column,
    value: error.value,
  };
}

describe('parseLabelCsv: CSV formats', () => {
  const expected = [
    { patientId: 'P1', line: 2 },
    { patientId: 'P2', line: 3 },
  ];
  it.each([
    ['plain , and \\n', `${HEADER}\n${ROW('P1')}\n${ROW('P2')}\n`],
    ['a BOM', `\ufeff${HEADER}\n${ROW('P1')}\n${ROW('P2')}`],
    ['CRLF', `${HEADER}\r\n${ROW('P1')}\r\n${ROW('P2')}\r\n`],
    ['old Mac CR', `${HEADER}\r${ROW('P1')}\r${ROW('P2')}\r`],
    ['mixed line ends', `${HEADER}\r\n${ROW('P1')}\n${ROW('P2')}\r\n`],
    ['; delimiters', toCsv([[...ORIGINAL_HEADER], csvRow('P1'), csvRow('P2')], ';')],
    ['tab delimiters', toCsv([[...ORIGINAL_HEADER], csvRow('P1'), csvRow('P2')], '\t')],
    ['trailing empty lines', `${HEADER}\n${ROW('P1')}\n${ROW('P2')}\n\n\n\r\n`],
    ['spaces around cells', `${HEADER}\n ${csvRow('P1').join(' , ')} \n${ROW('P2')}\n`],
    [
      'every cell quoted',
      toCsv([[...ORIGINAL_HEADER], csvRow('P1'), csvRow('P2')]).replace(/([^,\n]+)/g, '"$1"'),
    ],
    [
      'header case and spaces',
      `Patient ID,Fracture_Classification,GT displacement greater equal to 1cm,Shaft Translation,varus-malalignment,ART_INVOLVEMENT\n${ROW('P1')}\n${ROW('P2')}\n`,
    ],
  ])('%s', (_case, text) => {
    const table = parseLabelCsv(text);
    expect(table.problems.map((problem) => problem.message)).toEqual([]);
    expect(table.rows.map(({ patientId, line }) => ({ patientId, line }))).toEqual(expected);
    expect(table.rows[0]!.labels).toEqual({
      fracture_parts: 1,
      dislocation: 0,
      gt_displacement: 0,
      shaft_translation: 0,
      varus: 0,
      articular: 0,
    });
  });

  it('detects ; even when values hold commas, and keeps quoted delimiters and line breaks', () => {
    const text = `${ORIGINAL_HEADER.join(';')}\n"P,1";"2-part,\nno dislocation";no;none;no;none\nP2;1-part;no;none;no;none\n`;
    const table = parseLabelCsv(text);
    expect(table.delimiter).toBe(';');
    expect(table.problems).toEqual([]);
    expect(table.rows.map((row) => [row.patientId, row.line, row.labels.fracture_parts])).toEqual([
      ['P,1', 2, 1],
      ['P2', 4, 0],
    ]);
  });

  it('skips rows whose cells are all empty (spreadsheet exports)', () => {
    const table = parseLabelCsv(`${HEADER}\n${ROW('P1')}\n,,,,,\n  \n${ROW('P2')}\n`);
    expect(table.problems).toEqual([]);
    expect(table.rows.map((row) => row.line)).toEqual([2, 5]);
  });

  it('names the file in every problem and message', () => {
    const table = parseLabelCsv(
      `${HEADER}\n${csvRow('P1', { varus_malalignment: 'maybe' })}\n`,
      undefined,
      {
        file: 'train_labels.csv',
      },
    );
    expect(table.problems[0]!.file).toBe('train_labels.csv');
    expect(
      table.problems[0]!.message.startsWith('train_labels.csv:line 2: column varus_malalignment: '),
    ).toBe(true);
  });
});
