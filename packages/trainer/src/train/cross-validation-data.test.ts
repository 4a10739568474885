import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORIGINAL_LAYOUT } from '@ct-fracture/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrainConfig } from '../config/load-config';
import { writeTinyDataset } from '../test-support/tiny-dataset';
import { readFoldsFile } from './cross-validation-folds-file';
import { checkCrossValidationPool } from './cross-validation-pool';
import { loadTrainingData } from './training-data';

let dir: string;
let data: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctf-cv-data-'));
  data = join(dir, 'data');
  await writeTinyDataset(data, { count: 8, testCount: 3, size: 8, seed: 4 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ids = (samples: readonly { id: string }[]) => samples.map((sample) => sample.id);

async function foldsFile(name: string, content: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function cvData(folds: string, fold: number, includeTest = false) {
  return parseTrainConfig({ data: { dir: data, crossValidation: { folds, fold, includeTest } } })
    .data;
}

describe('checkCrossValidationPool', () => {
  it('is the training split, or both splits with includeTest', async () => {
    const warnings: string[] = [];
    const config = parseTrainConfig({ data: { dir: data } }).data;
    const train = await checkCrossValidationPool(config, false, (w) => warnings.push(w));
    expect(ids(train.samples)).toEqual([
      'TR000',
      'TR001',
      'TR002',
      'TR003',
      'TR004',
      'TR005',
      'TR006',
      'TR007',
    ]);
    expect(train.sources.valCsv).toBeNull();
    const both = await checkCrossValidationPool(config, true, (w) => warnings.push(w));
    expect(ids(both.samples).slice(8)).toEqual(['TE000', 'TE001', 'TE002']);
    expect(both.sources.valCsv).toBe(join(data, ORIGINAL_LAYOUT.test.csv));
    expect(warnings).toEqual([]);
  });

  it('lists a patient in both splits and a patient with two scans, at once', async () => {
    const twice = join(dir, 'twice');
    await writeTinyDataset(twice, { count: 4, testCount: 2, size: 8, seed: 5 });
    const testScans = join(twice, ORIGINAL_LAYOUT.test.scans);
    const trainScans = join(twice, ORIGINAL_LAYOUT.train.scans);
    // TE000 gets a second scan; TR001 also appears in the test split.
    await copyFile(join(testScans, 'TE000-left.nii'), join(testScans, 'TE000-right.nii'));
    await copyFile(join(trainScans, 'TR001-left.nii'), join(testScans, 'TR001-left.nii'));
    await writeFile(
      join(twice, ORIGINAL_LAYOUT.test.csv),
      'patient_id,fracture_classification,gt_displacement_greater_equal_to_1cm,shaft_translation,varus_malalignment,art_involvement\n' +
        'TE000,2-part,no,none,no,none-rim\nTE001,1-part,no,none,no,none-rim\nTR001,2-part,no,none,no,none-rim\n',
    );
    const config = parseTrainConfig({ data: { dir: twice } }).data;
    await expect(checkCrossValidationPool(config, false, () => {})).resolves.toBeDefined();
    const error = await checkCrossValidationPool(config, true, () => {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'data' });
    const problems = (error as { problems: string[] }).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain(
      'cross-validation needs one scan per patient, got a second scan of patient "TE000"',
    );
    expect(problems[1]).toContain(
      'cross-validation needs each patient in one split, got patient "TR001" in both',
    );
  });
});

describe('loadTrainingData with data.crossValidation', () => {
  it("trains on the fold's training patients and validates on its validation patients", async () => {
    const file = await foldsFile('folds.json', {
      folds: [
        { train: ['TR000', 'TR001', 'TR002', 'TR003'], validation: ['TR004', 'TR005'] },
        { train: ['TR004', 'TR005'], validation: ['TR000', 'TE001'] },
      ],
    });
    const fold0 = loadTrainingData(cvData(file, 0), 0);
    expect(ids(fold0.train)).toEqual(['TR000', 'TR001', 'TR002', 'TR003']);
    expect(ids(fold0.validation)).toEqual(['TR004', 'TR005']);
    expect(fold0.warnings).toEqual([
      `2 patient(s) with labelled scans are not in fold 0 of ${file} and are left out: "TR006", "TR007"`,
    ]);
    expect(fold0.sources.valCsv).toBeNull(); // the test split is untouched
    const fold1 = loadTrainingData(cvData(file, 1, true), 0);
    expect(ids(fold1.validation)).toEqual(['TR000', 'TE001']);
    expect(fold1.trainClassCounts[0]).toEqual([0, 1, 1]); // TR004: 3-part, TR005: 2-part
  });

  it.each([
    {
      name: 'a fold past the end',
      content: { folds: [{ train: ['TR000'], validation: ['TR001'] }] },
      fold: 1,
      message: "the fold must be one of folds.json's 1 folds (0 to 0), got 1",
    },
    {
      name: 'a patient with no scan',
      content: { folds: [{ train: ['TR000'], validation: ['TR999'] }] },
      fold: 0,
      message: 'fold 0 lists patient "TR999", which has no labelled scan in the data',
    },
    {
      name: 'a patient in both lists',
      content: { folds: [{ train: ['TR000'], validation: ['TR000'] }] },
      fold: 0,
      message: 'fold 0 must not train and validate on one patient, got "TR000" in both lists',
    },
    {
      name: 'no folds',
      content: { folds: [] },
      fold: 0,
      message: 'with at least one fold',
    },
    {
      name: 'not JSON',
      content: '{"folds": [',
      fold: 0,
      message: 'folds.json must be readable JSON',
    },
  ])('names folds.json for $name', async ({ name, content, fold, message }) => {
    const file = await foldsFile(`${name.replaceAll(' ', '-')}.json`, content);
    expect(() => loadTrainingData(cvData(file, fold), 0)).toThrow(
      expect.objectContaining({ code: 'data', file, message: expect.stringContaining(message) }),
    );
  });

  it('reads what it wrote: readFoldsFile keeps the ids in order', async () => {
    const folds = [{ train: ['b', 'a'], validation: ['c'] }];
    expect(readFoldsFile(await foldsFile('order.json', { folds }))).toEqual({ folds });
  });

  it('refuses validationFraction in a fold', () => {
    expect(() =>
      parseTrainConfig({
        data: { validationFraction: 0.2, crossValidation: { folds: 'f.json', fold: 0 } },
      }),
    ).toThrow('data.validationFraction: must be null in a cross-validation fold');
  });
});
