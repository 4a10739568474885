import { describe, expect, it } from 'vitest';
import { DEFAULT_LABEL_SPEC } from '../spec/default-label-spec';
import { ORIGINAL_LABEL_SPEC } from '../spec/original-label-spec';
import { csvRow, ORIGINAL_HEADER, toCsv } from '../test-support';
import { parseLabelCsv } from './parse-label-csv';

type Column = (typeof ORIGINAL_HEADER)[number];

/** Parses one row with `column` set to `raw`; returns the class name (or null) of `task`. */
function classOf(column: Column, raw: string, task: string, spec = DEFAULT_LABEL_SPEC) {
  const table = parseLabelCsv(toCsv([[...ORIGINAL_HEADER], csvRow('P1', { [column]: raw })]), spec);
  expect(table.problems.map((problem) => problem.message)).toEqual([]);
  const index = table.rows[0]!.labels[task]!;
  return index < 0 ? null : spec.tasks.find((candidate) => candidate.name === task)!.classes[index];
}

describe('alias families of the default spec', () => {
  it.each([
    ['1-part', '1-part'],
    ['1 part', '1-part'],
    ['one-part', '1-part'],
    ['One Part', '1-part'],
    ['1part', '1-part'],
    ['1_part', '1-part'],
    ['undisplaced', '1-part'],
    ['2-part', '2-part'],
    ['2 part', '2-part'],
    ['two-part', '2-part'],
    ['2 parts', '2-part'],
    ['2‐part', '2-part'],
    ['3-part', 'multipart'],
    ['3 part', 'multipart'],
    ['4-part', 'multipart'],
    ['four part', 'multipart'],
    ['multipart', 'multipart'],
    ['multi-part', 'multipart'],
    ['3/4 part', 'multipart'],
    ['2-part fracture', '2-part'],
    ['4-part dislocation', 'multipart'],
    ['2-part fracture dislocation', '2-part'],
    ['2-part, no dislocation', '2-part'],
    ['3 part with dislocation', 'multipart'],
    ['2-part anterior fracture-dislocation', '2-part'],
    ['Neer 4-part', 'multipart'],
    ['multipart (4-part)', 'multipart'],
    ['dislocation', null],
    ['fracture-dislocation', null],
    ['Fracture dislocation', null],
  ])('fracture_parts: %j → %s', (raw, expected) => {
    expect(classOf('fracture_classification', raw, 'fracture_parts')).toBe(expected);
  });

  it.each([
    ['2-part', 'no'],
    ['4-part dislocation', 'yes'],
    ['fracture-dislocation', 'yes'],
    ['dislocation', 'yes'],
    ['2-part dislocated', 'yes'],
    ['3 part luxation', 'yes'],
    ['2-part, no dislocation', 'no'],
    ['2-part without dislocation', 'no'],
    ['NA', null],
  ])('dislocation derived from fracture_classification %j → %s', (raw, expected) => {
    expect(classOf('fracture_classification', raw, 'dislocation')).toBe(expected);
  });

  const yesNo: [string, string][] = [
    ['yes', 'yes'],
    ['Yes', 'yes'],
    ['YES', 'yes'],
    ['y', 'yes'],
    ['Y', 'yes'],
    ['true', 'yes'],
    ['TRUE', 'yes'],
    ['1', 'yes'],
    ['positive', 'yes'],
    ['no', 'no'],
    ['No', 'no'],
    ['n', 'no'],
    ['false', 'no'],
    ['False', 'no'],
    ['0', 'no'],
    ['negative', 'no'],
  ];
  it.each(yesNo)('gt_displacement: %j → %s', (raw, expected) => {
    expect(classOf('gt_displacement_greater_equal_to_1cm', raw, 'gt_displacement')).toBe(expected);
  });
  it.each([...yesNo, ['≥ 1 cm', 'yes'] as [string, string], ['<1cm', 'no'] as [string, string]])(
    'gt_displacement units: %j → %s',
    (raw, expected) => {
      expect(classOf('gt_displacement_greater_equal_to_1cm', raw, 'gt_displacement')).toBe(
        expected,
      );
    },
  );
  it.each(yesNo)('varus: %j → %s', (raw, expected) => {
    expect(classOf('varus_malalignment', raw, 'varus')).toBe(expected);
  });

  it.each([
    ['none', 'none'],
    ['None', 'none'],
    ['≥25% overlap', 'none'],
    ['≥ 25 % overlap', 'none'],
    ['>=25%', 'none'],
    ['substantial', 'substantial'],
    ['Substantial', 'substantial'],
    ['5-25%', 'substantial'],
    ['5–25 %', 'substantial'],
    ['25 - 5%', 'substantial'],
    ['complete', 'complete'],
    ['≤5%', 'complete'],
    ['<= 5 %', 'complete'],
    ['<5% overlap', 'complete'],
    ['substantial (5-25%)', 'substantial'],
    ['complete (≤ 5 %)', 'complete'],
    ['≥ 25% overlap = none', 'none'],
  ])('shaft_translation: %j → %s', (raw, expected) => {
    expect(classOf('shaft_translation', raw, 'shaft_translation')).toBe(expected);
  });

  it.each([
    ['none-rim', 'none-rim'],
    ['none or rim', 'none-rim'],
    ['None or Rim', 'none-rim'],
    ['none/rim', 'none-rim'],
    ['none', 'none-rim'],
    ['rim', 'none-rim'],
    ['subcritical', 'subcritical'],
    ['sub-critical', 'subcritical'],
    ['headsplit', 'headsplit'],
    ['head split', 'headsplit'],
    ['head-split', 'headsplit'],
    ['Head Split', 'headsplit'],
  ])('articular: %j → %s', (raw, expected) => {
    expect(classOf('art_involvement', raw, 'articular')).toBe(expected);
  });

  it.each(['', ' ', 'NA', 'na', 'N/A', 'n/a', '-', '–', '?', 'NaN', 'unknown', 'missing'])(
    'missing marker %j masks the task (-1), no problem',
    (raw) => {
      expect(classOf('shaft_translation', raw, 'shaft_translation')).toBeNull();
      expect(classOf('varus_malalignment', raw, 'varus')).toBeNull();
    },
  );
});

describe('the dislocation column, when present', () => {
  const parse = (fracture: string, dislocation: string) =>
    parseLabelCsv(
      toCsv([
        [...ORIGINAL_HEADER, 'dislocation'],
        [...csvRow('P1', { fracture_classification: fracture }), dislocation],
      ]),
    );

  it.each([
    ['2-part', 'yes', 'yes'],
    ['2-part', 'no', 'no'],
    ['2-part', '', null],
    ['2-part dislocation', '', 'yes'],
    ['2-part dislocation', 'yes', 'yes'],
    ['2-part, no dislocation', '', 'no'],
  ])('fracture_classification %j + dislocation %j → %s', (fracture, dislocation, expected) => {
    const table = parse(fracture, dislocation);
    expect(table.problems).toEqual([]);
    const index = table.rows[0]!.labels.dislocation!;
    expect(index < 0 ? null : ['no', 'yes'][index]).toBe(expected);
  });

  it('a disagreeing dislocation column is a conflicting-labels error with its fields', () => {
    const table = parse('2-part dislocation', 'no');
    expect(table.rows[0]!.labels.dislocation).toBe(-1);
    expect(table.problems).toHaveLength(1);
    expect(table.problems[0]).toMatchObject({
      code: 'conflicting-labels',
      severity: 'error',
      line: 2,
      column: 'dislocation',
      value: 'no',
      task: 'dislocation',
      patientId: 'P1',
    });
  });
});

describe('alias families of the original five-task spec', () => {
  it.each([
    ['1-part', '1-part'],
    ['2 part', '2-part'],
    ['4-part', 'multipart'],
    ['dislocation', 'dislocation'],
    ['4-part dislocation', 'dislocation'],
    ['fracture-dislocation', 'dislocation'],
    ['2-part, no dislocation', '2-part'],
  ])('fracture: %j → %s', (raw, expected) => {
    expect(classOf('fracture_classification', raw, 'fracture', ORIGINAL_LABEL_SPEC)).toBe(expected);
  });

  it('encodes shaft and articular in LabelEncoder order', () => {
    const table = parseLabelCsv(
      toCsv([
        [...ORIGINAL_HEADER],
        csvRow('A', { shaft_translation: 'complete', art_involvement: 'headsplit' }),
        csvRow('B', { shaft_translation: '≥25% overlap', art_involvement: 'none or rim' }),
        csvRow('C', { shaft_translation: 'substantial', art_involvement: 'subcritical' }),
      ]),
      ORIGINAL_LABEL_SPEC,
    );
    expect(table.rows.map((row) => [row.labels.shaft_translation, row.labels.articular])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
  });
});
