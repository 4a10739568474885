import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeMetrics, readPredictionsCsv, summariseFolds } from '@ct-fracture/eval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateCrossValidation } from './aggregate-cross-validation';
import { writeFakeCv } from './test-support/fake-cv';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctf-cv-aggregate-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('aggregateCrossValidation', () => {
  it('pooled = metrics of oof-predictions.csv (each patient once); folds and mean ± SD', async () => {
    const cvDir = join(dir, 'all');
    const { ids } = await writeFakeCv(cvDir, { folds: 3, patients: 30, finished: [0, 1, 2] });
    const result = await aggregateCrossValidation(cvDir);
    const oof = join(cvDir, 'oof-predictions.csv');
    const predictions = await readPredictionsCsv(oof);
    expect([...predictions.patientIds].sort()).toEqual(ids);
    const written = JSON.parse(await readFile(join(cvDir, 'metrics.json'), 'utf8'));
    // What `ct-fracture metrics oof-predictions.csv --json` computes: default options.
    expect(written.pooled).toEqual(json(computeMetrics(predictions)));
    const folds = await Promise.all(
      [0, 1, 2].map(async (i) =>
        JSON.parse(await readFile(join(cvDir, `fold-${i}`, 'metrics.json'), 'utf8')),
      ),
    );
    expect(written.folds).toEqual(folds);
    expect(written.summary).toEqual(json(summariseFolds(folds)));
    expect(result.reportPath).toBe(join(cvDir, 'report.html'));
    const html = await readFile(result.reportPath, 'utf8');
    expect(html).toContain('3 of 3 folds finished');
  }, 60_000);

  it('aggregates whatever folds finished and says which did not', async () => {
    const cvDir = join(dir, 'partial');
    await writeFakeCv(cvDir, { folds: 3, patients: 30, finished: [0, 2] });
    const { metrics } = await aggregateCrossValidation(cvDir);
    expect(metrics.folds.map((fold) => fold !== null)).toEqual([true, false, true]);
    expect(metrics.pooled.tasks.varus!.n).toBe(20);
    const html = await readFile(join(cvDir, 'report.html'), 'utf8');
    expect(html).toContain('1 of 3 folds have not finished (fold-1: pending)');
  }, 60_000);

  it('writes one out-of-fold file per repetition', async () => {
    const cvDir = join(dir, 'repeated');
    await writeFakeCv(cvDir, { folds: 2, repeats: 2, patients: 10, finished: [0, 1, 2, 3] });
    const { metrics, files } = await aggregateCrossValidation(cvDir);
    expect(files).toEqual(
      expect.arrayContaining(['oof-predictions-repeat-1.csv', 'oof-predictions-repeat-2.csv']),
    );
    expect(metrics.repeats).toHaveLength(2);
    expect(metrics.folds).toHaveLength(4);
  }, 60_000);

  it('refuses to aggregate with no finished fold', async () => {
    const cvDir = join(dir, 'none');
    await writeFakeCv(cvDir, { folds: 2, patients: 10, finished: [] });
    await expect(aggregateCrossValidation(cvDir)).rejects.toThrow(
      `${cvDir}: a report needs at least one finished fold, got none of 2`,
    );
  });
});
