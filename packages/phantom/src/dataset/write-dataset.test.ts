import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORIGINAL_LAYOUT } from '@ct-fracture/core';
import { DEFAULT_LABEL_SPEC, parseLabelCsv, patientIdFromFileName } from '@ct-fracture/labels';
import { inspectNifti, readNifti } from '@ct-fracture/nifti-io/node';
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../case/case-record';
import { PhantomError } from '../errors/phantom-error';
import { type PhantomDatasetOptions, writePhantomDataset } from './write-dataset';

const temporary = () => mkdtempSync(join(tmpdir(), 'ctf-phantom-'));

function hashes(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const folder of Object.values(ORIGINAL_LAYOUT).map((split) => split.scans)) {
    for (const name of readdirSync(join(root, folder))) {
      out[`${folder}/${name}`] = createHash('sha256')
        .update(readFileSync(join(root, folder, name)))
        .digest('hex');
    }
  }
  for (const name of ['train_labels.csv', 'test_labels.csv', 'manifest.json']) {
    out[name] = createHash('sha256')
      .update(readFileSync(join(root, name)))
      .digest('hex');
  }
  return out;
}

describe('writePhantomDataset', () => {
  it.each(['canonical', 'varied'] as const)(
    'writes the original layout; %s CSVs parse with the default label spec and agree with the manifest; scans read back',
    async (spellings) => {
      const root = temporary();
      const summary = await writePhantomDataset({
        outDir: root,
        train: 5,
        test: 3,
        seed: 9,
        size: 'small',
        workers: 0,
        spellings,
      });
      expect(summary.files).toHaveLength(8 + 3);
      const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as {
        cases: CaseRecord[];
      };
      expect(manifest.cases).toHaveLength(8);
      for (const split of ['train', 'test'] as const) {
        const table = parseLabelCsv({ path: join(root, `${split}_labels.csv`) });
        expect(table.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
        const scans = readdirSync(join(root, ORIGINAL_LAYOUT[split].scans));
        expect(table.rows.map((row) => row.key).sort()).toEqual(
          scans.map(patientIdFromFileName).sort(),
        );
        for (const row of table.rows) {
          const record = manifest.cases.find((c) => c.id === row.key)!;
          expect(record.split).toBe(split);
          for (const task of DEFAULT_LABEL_SPEC.tasks) {
            expect(task.classes[row.labels[task.name]!]).toBe(
              record.labels[task.name as keyof CaseRecord['labels']],
            );
          }
        }
      }
      for (const record of manifest.cases) {
        const file = join(root, record.file);
        const { volume } = await readNifti(file);
        expect(volume.shape).toEqual(record.image.shape);
        volume.affine.forEach((row, r) => {
          row.forEach((value, c) => {
            expect(value).toBeCloseTo(record.image.affine[r]![c]!, 3);
          });
        });
        const summary = await inspectNifti(file);
        expect(summary.datatype).toBe('int16');
        expect(summary.scaling).toEqual({ slope: 1, intercept: -1024 });
        expect(summary.stats.min).toBeGreaterThanOrEqual(-1024);
        expect(summary.stats.max).toBeLessThanOrEqual(3071);
      }
    },
    120_000,
  );

  it('refuses a non-empty output folder unless --force; --force removes stale scans only', async () => {
    const root = temporary();
    const options: PhantomDatasetOptions = {
      outDir: root,
      train: 2,
      test: 1,
      size: 'small',
      workers: 0,
    };
    writeFileSync(join(root, 'notes.txt'), 'keep me');
    await expect(writePhantomDataset(options)).rejects.toMatchObject({
      code: 'output-exists',
      file: root,
    });
    mkdirSync(join(root, ORIGINAL_LAYOUT.train.scans), { recursive: true });
    writeFileSync(join(root, ORIGINAL_LAYOUT.train.scans, 'stale9999.nii'), 'old');
    await writePhantomDataset({ ...options, force: true });
    expect(existsSync(join(root, ORIGINAL_LAYOUT.train.scans, 'stale9999.nii'))).toBe(false);
    expect(readFileSync(join(root, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(join(root, ORIGINAL_LAYOUT.train.scans))).toEqual([
      'phantom0001.nii',
      'phantom0002.nii',
    ]);
  }, 60_000);

  it.each<[string, Partial<PhantomDatasetOptions>]>([
    ['size', { size: 'huge' as never }],
    ['orientation', { orientation: 'XYZ' }],
    ['train', { train: -1 }],
    ['test', { test: 2.5 }],
    ['seed', { seed: -3 }],
    ['side', { side: 'up' as never }],
    ['workers', { workers: 1.5 }],
    ['frequencies.dislocation', { frequencies: { dislocation: 2 } }],
  ])('rejects a bad %s with a PhantomError naming it', async (option, bad) => {
    const error = await writePhantomDataset({
      outDir: temporary(),
      train: 1,
      test: 0,
      ...bad,
    }).catch((e) => e);
    expect(PhantomError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid-option', option });
  });

  it('writes the same bytes with 1 or 2 worker threads (the built worker script)', async () => {
    const built = join(__dirname, '..', '..', 'dist', 'index.js');
    expect(existsSync(built), 'build the package first (turbo runs build before test)').toBe(true);
    const { writePhantomDataset: writeBuilt } = (await import(
      built
    )) as typeof import('./write-dataset');
    const [one, two] = [temporary(), temporary()];
    await writeBuilt({ outDir: one, train: 3, test: 2, seed: 5, size: 'small', workers: 1 });
    await writeBuilt({ outDir: two, train: 3, test: 2, seed: 5, size: 'small', workers: 2 });
    expect(hashes(two)).toEqual(hashes(one));
  }, 120_000);
});
