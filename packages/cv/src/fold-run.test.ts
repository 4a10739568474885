import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initialTrainingState } from '@ct-fracture/trainer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossValidationStatus, foldRun, foldStatus } from './fold-run';
import { writeFakeCv } from './test-support/fake-cv';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctf-cv-fold-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lastCheckpoint(runDir: string, reason: string) {
  const last = join(runDir, 'checkpoints', 'last');
  await mkdir(last, { recursive: true });
  await writeFile(
    join(last, 'trainer-state.json'),
    JSON.stringify({ ...initialTrainingState(), epoch: 3, reason }),
  );
}

describe('foldStatus', () => {
  it.each([
    { name: 'pending', setUp: async () => {}, status: 'pending' },
    { name: 'started', setUp: (d: string) => lastCheckpoint(d, 'epoch'), status: 'started' },
    {
      name: 'interrupted',
      setUp: (d: string) => lastCheckpoint(d, 'interrupted'),
      status: 'started',
    },
    { name: 'trained', setUp: (d: string) => lastCheckpoint(d, 'final'), status: 'trained' },
    {
      name: 'stopped early',
      setUp: (d: string) => lastCheckpoint(d, 'early-stopping'),
      status: 'trained',
    },
    {
      name: 'reported',
      setUp: async (d: string) => {
        await lastCheckpoint(d, 'final');
        await mkdir(d, { recursive: true });
        for (const file of ['report.html', 'metrics.json', 'predictions.csv']) {
          await writeFile(join(d, file), '');
        }
      },
      status: 'finished',
    },
  ])('$name → $status', async ({ name, setUp, status }) => {
    const runDir = join(dir, `status-${name}`);
    await setUp(runDir);
    expect(await foldStatus(runDir)).toBe(status);
  });
});

describe('crossValidationStatus and foldRun', () => {
  it('lists every fold with repetition, fold, patients and status', async () => {
    const cvDir = join(dir, 'cv');
    await writeFakeCv(cvDir, { folds: 3, repeats: 2, patients: 10, finished: [1, 4] });
    const { manifest, folds } = await crossValidationStatus(cvDir);
    expect(manifest.folds).toBe(3);
    expect(folds.map((f) => [f.name, f.repeat, f.fold, f.patients, f.status])).toEqual([
      ['fold-0', 0, 0, 4, 'pending'],
      ['fold-1', 0, 1, 3, 'finished'],
      ['fold-2', 0, 2, 3, 'pending'],
      ['fold-3', 1, 0, 3, 'pending'],
      ['fold-4', 1, 1, 4, 'finished'],
      ['fold-5', 1, 2, 3, 'pending'],
    ]);
  });

  it('gives each fold an ordinary train configuration: its folds.json entry and run folder', async () => {
    const cvDir = join(dir, 'cv');
    const { config, info } = await foldRun(cvDir, 2);
    expect(config.data.crossValidation).toEqual({
      folds: join(cvDir, 'folds.json'),
      fold: 2,
      includeTest: false,
    });
    expect(config.training.runDir).toBe(join(cvDir, 'fold-2'));
    expect(config.data.dir).toBe('/data/humerus');
    expect(info.status).toBe('pending');
  });

  it.each([6, -1, 1.5])('refuses fold %d', async (index) => {
    await expect(foldRun(join(dir, 'cv'), index)).rejects.toThrow(
      `the fold must be an integer from 0 to 5, got ${index}`,
    );
  });

  it('names cv.json in a folder that is not a cross-validation', async () => {
    await expect(crossValidationStatus(join(dir, 'nothing'))).rejects.toThrow(
      `${join(dir, 'nothing', 'cv.json')}: a cross-validation folder must hold cv.json (written by ct-fracture cv), got none`,
    );
  });
});
