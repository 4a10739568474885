import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvaluationError } from '../errors/evaluation-error';
import type { PredictionTable } from '../task-predictions';
import {
  formatPredictionsCsv,
  readPredictionsCsv,
  writePredictionsCsv,
} from './format-predictions-csv';
import { parseCsv } from './parse-csv';
import { parsePredictionsCsv } from './predictions-csv';

const HEADER =
  'patient_id,varus_true,varus_pred,varus_p_no,varus_p_yes,fracture_parts_true,fracture_parts_pred,fracture_parts_p_1-part,fracture_parts_p_2-part,fracture_parts_p_multipart';

describe('parseCsv', () => {
  it.each([
    [
      'a,b\n1,2\n',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      '\ufeffa,b\r\n1,2',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      'a,"x, ""y"""\n\n2,"multi\nline"\n3,\n',
      [
        [1, ['a', 'x, "y"']],
        [3, ['2', 'multi\nline']],
        [5, ['3', '']],
      ],
    ],
  ])('%j', (text, expected) => {
    expect(parseCsv(text).map((r) => [r.line, r.fields])).toEqual(expected);
  });

  it.each([
    ['a,b\n1,"open\n', /line 2: a quoted field must end with a closing quote/],
    ['a,b\n1,"x"y\n', /line 2: a closing quote must be followed by a comma or a line end, got 'y'/],
  ])('rejects %j', (text, message) => {
    expect(() => parseCsv(text, 'f.csv')).toThrow(message);
  });
});

const TABLE: PredictionTable = {
  patientIds: ['p1', 'p,2', 'p3'],
  tasks: [
    {
      task: { name: 'varus', kind: 'binary', classes: ['no', 'yes'] },
      truth: [1, -1, 0],
      probabilities: [0.8, 0.5, 0.1], // p(yes) only: expanded to both columns
    },
    {
      task: {
        name: 'fracture_parts',
        kind: 'multiclass',
        classes: ['1-part', '2-part', 'multipart'],
      },
      truth: [2, 0, -1],
      probabilities: [0.1, 0.2, 0.7, 0.4, 0.4, 0.2, 1 / 3, 1 / 3, 1 / 3],
    },
  ],
};

describe('predictions.csv', () => {
  it('writes the DESIGN.md layout and reads back the same numbers', () => {
    const text = formatPredictionsCsv(TABLE);
    expect(text.split('\n')[0]).toBe(HEADER);
    expect(text.split('\n')[2]).toBe('"p,2",,yes,0.5,0.5,1-part,1-part,0.4,0.4,0.2');
    const file = parsePredictionsCsv(text, { file: 'p.csv' });
    expect(file.notes).toEqual([]);
    expect(file.patientIds).toEqual(TABLE.patientIds);
    expect(file.tasks.map((t) => t.task)).toEqual([
      { name: 'varus', kind: 'binary', classes: ['no', 'yes'], ordinal: false },
      {
        name: 'fracture_parts',
        kind: 'multiclass',
        classes: ['1-part', '2-part', 'multipart'],
        ordinal: false, // not ordinal in DEFAULT_LABEL_SPEC
      },
    ]);
    expect(Array.from(file.tasks[0]!.truth)).toEqual([1, -1, 0]);
    expect(Array.from(file.tasks[0]!.probabilities)).toEqual([
      1 - 0.8,
      0.8,
      0.5,
      0.5,
      1 - 0.1,
      0.1,
    ]);
    expect(Array.from(file.tasks[1]!.probabilities)).toEqual(TABLE.tasks[1]!.probabilities);
  });

  it('writes atomically and reads from disk', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ctf-predictions-'));
    const path = join(folder, 'predictions.csv');
    await writePredictionsCsv(path, TABLE);
    expect(await readdir(folder)).toEqual(['predictions.csv']);
    expect(await readFile(path, 'utf8')).toBe(formatPredictionsCsv(TABLE));
    expect((await readPredictionsCsv(path)).patientIds).toEqual(TABLE.patientIds);
    await expect(readPredictionsCsv(join(folder, 'missing.csv'))).rejects.toThrow(
      /missing\.csv: the predictions file must be readable/,
    );
  });

  it('takes kind, order and ordinal flags from specifications and options', () => {
    const text = formatPredictionsCsv(TABLE);
    const spec = {
      name: 'varus',
      kind: 'multiclass' as const,
      classes: ['no', 'yes'],
      ordinal: true,
    };
    const file = parsePredictionsCsv(text, { tasks: [spec], ordinal: ['varus'] });
    expect(file.tasks[0]!.task).toMatchObject({ kind: 'multiclass', ordinal: true });
    expect(file.tasks[1]!.task.ordinal).toBe(false);
    expect(() =>
      parsePredictionsCsv(text, { tasks: [{ ...spec, classes: ['yes', 'no'] }] }),
    ).toThrow(/task 'varus' must have the classes yes, no in that order, got no, yes/);
  });

  it('takes kind and ordinal flag from the default specification when name and classes match', () => {
    const header = (classes: string[]) =>
      [
        'patient_id',
        'articular_true',
        'articular_pred',
        ...classes.map((c) => `articular_p_${c}`),
      ].join(',');
    const row = 'p1,none-rim,none-rim,0.8,0.1,0.1';
    const ordered = parsePredictionsCsv(
      `${header(['none-rim', 'subcritical', 'headsplit'])}\n${row}\n`,
    );
    expect(ordered.tasks[0]!.task).toMatchObject({ kind: 'multiclass', ordinal: true });
    const renamed = parsePredictionsCsv(`${header(['a', 'b', 'c'])}\np1,a,a,0.8,0.1,0.1\n`);
    expect(renamed.tasks[0]!.task.ordinal).toBe(false);
  });

  it('keeps T_pred as given and notes rows where it is not the probabilities’ decision', () => {
    const text = formatPredictionsCsv(TABLE).replace('p3,no,no', 'p3,no,yes');
    const file = parsePredictionsCsv(text);
    expect(file.notes).toEqual([
      "task 'varus': varus_pred differs from the probabilities' threshold 0.5 on 1 of 3 rows (e.g. a tuned operating point); class metrics use varus_pred as given, AUC and calibration the probabilities",
    ]);
    const varus = file.tasks.find((t) => t.task.name === 'varus')!;
    expect(Array.from(varus.predicted!)).toEqual([1, 1, 1]); // p3: yes as the file says (p = 0.1)
    // Written back unchanged: T_pred survives a round trip.
    expect(formatPredictionsCsv(file)).toBe(text);
  });

  const good = formatPredictionsCsv(TABLE);
  it.each([
    ['', 1, 'patient_id', /must start with a header line/],
    [good.replace('patient_id', 'id'), 1, 'id', /first column must be 'patient_id', got "id"/],
    [
      good.replace('varus_true', 'varus_truth'),
      1,
      'varus_truth',
      /column 2 must be a task's 'T_true' column/,
    ],
    [
      good.replace('varus_p_no,', ''),
      1,
      'varus_p_no',
      /task 'varus' must have at least two 'varus_p_<class>' columns after 'varus_pred', got 1 \(varus_p_yes\): 'varus_p_no' is missing/,
    ],
    [
      good
        .replaceAll('fracture_parts', 'parts')
        .replace('parts_p_2-part,parts_p_multipart', '')
        .replace(',parts_p_1-part,', ',parts_p_1-part'),
      1,
      'parts_p_<class>',
      /task 'parts' must have at least two 'parts_p_<class>' columns after 'parts_pred', got 1 \(parts_p_1-part\)$/,
    ],
    [
      good.replace('p3,no,no,0.9,0.1', 'p3,no,no,0.9,0.8'),
      4,
      'varus_p_no',
      /the probabilities varus_p_no, varus_p_yes must sum to 1 \(±0\.02\), got 1\.7/,
    ],
    [
      good.replace('p3,', 'p1,'),
      4,
      'patient_id',
      /each patient_id must appear once, got "p1" on line 2 and line 4/,
    ],
    [
      good.split('\n')[0]!,
      2,
      undefined,
      /the file must have at least one row after the header, got none/,
    ],
    [
      good.replace('p1,yes', 'p1,YES'),
      2,
      'varus_true',
      /must be one of no, yes or empty \(missing\), got "YES"/,
    ],
    [good.replace('p1,yes,yes', 'p1,yes,'), 2, 'varus_pred', /must be one of no, yes, got ""/],
    [
      good.replace('p3,no,no,0.9', 'p3,no,no,'),
      4,
      'varus_p_no',
      /a probability must be a number in \[0, 1\], got ""/,
    ],
    [good.replace('p3,no,no,0.9', 'p3,no,no,-0.1'), 4, 'varus_p_no', /got "-0\.1"/],
    [good.replace('p1,', ','), 2, 'patient_id', /patient_id must not be empty/],
    [`${good}p4,no\n`, 5, 'varus_true', /each row must have 10 fields like the header, got 2/],
  ] as Array<[string, number, string | undefined, RegExp]>)(
    'rejects bad input with file, line and column (%#)',
    (text, line, column, message) => {
      let error: unknown;
      try {
        parsePredictionsCsv(text, { file: 'bad.csv' });
      } catch (caught) {
        error = caught;
      }
      expect(EvaluationError.isInstance(error)).toBe(true);
      const evaluationError = error as EvaluationError;
      expect(evaluationError.message).toMatch(message);
      const where = column === undefined ? `line ${line}` : `line ${line}, column ${column}`;
      expect(evaluationError.message.startsWith(`bad.csv, ${where}: `)).toBe(true);
      expect(evaluationError).toMatchObject({ file: 'bad.csv', line, column });
    },
  );

  it.each([
    ['two decimals', '0.33,0.33,0.33'],
    ['a sum off by 0.015', '0.5,0.2,0.315'],
  ])('probabilities rounded to %s still sum to 1', (_, values) => {
    const text = good.replace('multipart,multipart,0.1,0.2,0.7', `multipart,multipart,${values}`);
    expect(text).not.toBe(good);
    expect(parsePredictionsCsv(text).patientIds).toHaveLength(3);
  });

  it('probabilitySumTolerance: Infinity accepts scores that are not distributions', () => {
    const text = good.replace('p3,no,no,0.9,0.1', 'p3,no,no,0.9,0.8');
    expect(() => parsePredictionsCsv(text)).toThrowError(/must sum to 1 \(±0\.02\), got 1\.7/);
    expect(
      parsePredictionsCsv(text, { probabilitySumTolerance: Infinity }).patientIds,
    ).toHaveLength(3);
  });

  it('rejects inconsistent arrays when writing', () => {
    expect(() =>
      formatPredictionsCsv({ ...TABLE, tasks: [{ ...TABLE.tasks[0]!, truth: [0, 1] }] }),
    ).toThrow(/task 'varus' must have 3 rows like patientIds, got 2/);
    expect(() =>
      formatPredictionsCsv({
        ...TABLE,
        tasks: [{ ...TABLE.tasks[0]!, probabilities: [0.1, 2, 0.3] }],
      }),
    ).toThrow(/probabilities must be numbers in \[0, 1\], got 2 at row 1/);
  });
});
