import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LABEL_SPEC, readLabelCsv } from '@ct-fracture/labels';
import { parseTrainConfig } from '@ct-fracture/trainer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrossValidation } from './create-cross-validation';
import { readCvManifest } from './cv-manifest';
import { writePhantomData } from './test-support/phantom-data';

let dir: string;
let data: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctf-cv-create-'));
  data = join(dir, 'data');
  await writePhantomData(data, 60, 12);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const config = (seed = 3) =>
  parseTrainConfig({
    data: { dir: data },
    training: { seed },
    preprocessing: { size: [16, 16, 16] },
  });

interface FoldsJson {
  folds: { train: string[]; validation: string[] }[];
}

async function readFolds(cvDir: string): Promise<FoldsJson> {
  return JSON.parse(await readFile(join(cvDir, 'folds.json'), 'utf8')) as FoldsJson;
}

describe('createCrossValidation', () => {
  it.each([2, 3, 5])(
    '%i folds: patient-disjoint, every training patient validated once, classes within one patient of their share',
    async (k) => {
      const cvDir = join(dir, `cv-${k}`);
      const { manifest, folds } = await createCrossValidation({
        cvDir,
        config: config(),
        folds: k,
      });
      expect(await readFolds(cvDir)).toEqual(folds);
      expect(manifest).toMatchObject({
        folds: k,
        repeats: 1,
        seed: 3,
        includeTest: false,
        patients: 60,
      });
      const table = await readLabelCsv(join(data, 'train_labels.csv'), DEFAULT_LABEL_SPEC);
      const ids = table.rows.map((row) => row.patientId);
      const validated = folds.folds.flatMap((fold) => fold.validation);
      expect([...validated].sort()).toEqual([...ids].sort()); // each patient validated exactly once
      for (const fold of folds.folds) {
        expect(fold.train.filter((id) => fold.validation.includes(id))).toEqual([]);
        expect(fold.train.length + fold.validation.length).toBe(60);
      }
      // Class proportions per fold within one patient of the ideal, for every task and class.
      const byId = new Map(table.rows.map((row) => [row.patientId, row]));
      for (const task of DEFAULT_LABEL_SPEC.tasks) {
        task.classes.forEach((_name, c) => {
          const total = table.rows.filter((row) => row.labels[task.name] === c).length;
          for (const fold of folds.folds) {
            const inFold = fold.validation.filter(
              (id) => byId.get(id)!.labels[task.name] === c,
            ).length;
            expect(Math.abs(inFold - (total * fold.validation.length) / 60)).toBeLessThanOrEqual(1);
          }
        });
      }
    },
  );

  it('writes the manifest with absolute data paths and leaves the test split out', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const relative = parseTrainConfig({ data: { dir: 'data' } });
      const { folds } = await createCrossValidation({
        cvDir: 'cv-relative',
        config: relative,
        folds: 2,
      });
      const manifest = await readCvManifest(join(dir, 'cv-relative'));
      expect(manifest.config.data.dir).toBe(data);
      expect(manifest.config.training.runDir).toBeNull();
      const test = await readLabelCsv(join(data, 'test_labels.csv'), DEFAULT_LABEL_SPEC);
      const testIds = new Set(test.rows.map((row) => row.patientId));
      expect(testIds.size).toBe(12);
      const listed = folds.folds.flatMap((fold) => [...fold.train, ...fold.validation]);
      expect(listed.filter((id) => testIds.has(id))).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('splits the test split too with includeTest', async () => {
    const { manifest, folds } = await createCrossValidation({
      cvDir: join(dir, 'cv-with-test'),
      config: config(),
      folds: 3,
      includeTest: true,
    });
    expect(manifest.patients).toBe(72);
    expect(folds.folds.flatMap((fold) => fold.validation)).toHaveLength(72);
  });

  it('is the same for the same seed and different for another', async () => {
    const a = await createCrossValidation({
      cvDir: join(dir, 'seed-a'),
      config: config(1),
      folds: 3,
    });
    const b = await createCrossValidation({
      cvDir: join(dir, 'seed-b'),
      config: config(1),
      folds: 3,
    });
    const c = await createCrossValidation({
      cvDir: join(dir, 'seed-c'),
      config: config(2),
      folds: 3,
    });
    expect(b.folds).toEqual(a.folds);
    expect(c.folds).not.toEqual(a.folds);
  });

  it('writes repeats × k folds, each repetition a partition', async () => {
    const { folds } = await createCrossValidation({
      cvDir: join(dir, 'repeated'),
      config: config(),
      folds: 2,
      repeats: 3,
    });
    expect(folds.folds).toHaveLength(6);
    for (const repeat of [0, 1, 2]) {
      const validated = folds.folds.slice(repeat * 2, repeat * 2 + 2).flatMap((f) => f.validation);
      expect(new Set(validated).size).toBe(60);
    }
  });

  it('refuses k larger than the smallest class, naming it, and writes nothing', async () => {
    const cvDir = join(dir, 'too-many');
    await expect(createCrossValidation({ cvDir, config: config(), folds: 30 })).rejects.toThrow(
      /the number of folds must be at most the patient count of the smallest class \(\d+: \w+ = "[^"]+"\), so that every class is in every validation fold, got 30/,
    );
    await expect(readFile(join(cvDir, 'folds.json'))).rejects.toThrow();
  });

  it('refuses a folder that holds a cross-validation or other files', async () => {
    await expect(
      createCrossValidation({ cvDir: join(dir, 'cv-2'), config: config(), folds: 2 }),
    ).rejects.toThrow('already holds a cross-validation (cv.json): continue it with --resume');
    await mkdir(join(dir, 'busy'));
    await writeFile(join(dir, 'busy', 'notes.txt'), 'x');
    await expect(
      createCrossValidation({ cvDir: join(dir, 'busy'), config: config(), folds: 2 }),
    ).rejects.toThrow(
      'a new cross-validation needs a new or empty folder, got one holding 1 entries',
    );
  });

  it('fits no calibration on validation patients: no temperature, operating points refused', async () => {
    const { manifest } = await createCrossValidation({
      cvDir: join(dir, 'raw'),
      config: config(),
      folds: 2,
    });
    expect(manifest.config.calibration.temperature).toBe(false);
    await expect(
      createCrossValidation({
        cvDir: join(dir, 'tuned'),
        config: parseTrainConfig({
          data: { dir: data },
          calibration: { operatingPoints: { varus: 'youden' } },
        }),
        folds: 2,
      }),
    ).rejects.toThrow(
      "calibration.operatingPoints must be empty for a cross-validation: a threshold chosen on a fold's validation patients would make their out-of-fold predictions in-sample",
    );
  });

  it('refuses validationFraction in the configuration', async () => {
    await expect(
      createCrossValidation({
        cvDir: join(dir, 'fraction'),
        config: parseTrainConfig({ data: { dir: data, validationFraction: 0.2 } }),
        folds: 2,
      }),
    ).rejects.toThrow('data.validationFraction must be null for a cross-validation');
  });
});
