import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabelError } from '../errors/label-error';
import { csvRow, ORIGINAL_HEADER } from '../test-support';
import { readLabelCsv } from './parse-label-csv';
import { parseLabelCsvOrThrow, throwOnLabelErrors } from './throw-on-label-errors';

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

describe('reading files and the throwing API', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ctf-labels-'));

  it('readLabelCsv names the file', () => {
    const path = join(folder, 'labels.csv');
    writeFileSync(path, `${HEADER}\n${csvRow('P1', { varus_malalignment: '??' }).join(',')}\n`);
    const table = readLabelCsv(path);
    expect(table.file).toBe(path);
    expect(table.problems[0]!.file).toBe(path);
    expect(table.problems[0]!.message.startsWith(`${path}:line 2: `)).toBe(true);
  });

  it('an unreadable file is an io LabelError', () => {
    const path = join(folder, 'nope.csv');
    expect(() => readLabelCsv(path)).toThrow(LabelError);
    try {
      readLabelCsv(path);
    } catch (error) {
      expect((error as LabelError).code).toBe('io');
      expect((error as LabelError).file).toBe(path);
    }
  });

  it('parseLabelCsvOrThrow throws the single error itself', () => {
    const text = `${HEADER}\n${csvRow('P1', { varus_malalignment: 'maybe' }).join(',')}\n`;
    expect(() => parseLabelCsvOrThrow(text)).toThrow(
      expect.objectContaining({
        code: 'unknown-value',
        line: 2,
        column: 'varus_malalignment',
        value: 'maybe',
      }),
    );
  });

  it('parseLabelCsvOrThrow throws invalid-labels with all problems when there are several', () => {
    const text = `${HEADER}\n${csvRow('P1', { varus_malalignment: 'maybe' }).join(',')}\n${ROW('P1')}\n`;
    let caught: LabelError | undefined;
    try {
      parseLabelCsvOrThrow(text, undefined, { file: 'x.csv' });
    } catch (error) {
      caught = error as LabelError;
    }
    expect(caught?.code).toBe('invalid-labels');
    expect(caught?.problems?.map((problem) => problem.code)).toEqual([
      'unknown-value',
      'duplicate-patient',
    ]);
    expect(caught?.message).toMatch(
      /^x\.csv: label data must have no errors, got 2; the first: x\.csv:line 2: /,
    );
  });

  it('warnings do not throw unless strict', () => {
    const table = parseLabelCsvOrThrow(`${HEADER}\nP1,2-part\n`);
    expect(table.rows).toHaveLength(1);
    expect(() => throwOnLabelErrors(table.problems, { strict: true })).toThrow(
      expect.objectContaining({ code: 'row-too-short', severity: 'error' }),
    );
  });
});
