import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPredictionsCsv } from './csv/format-predictions-csv';
import { parsePredictionsCsv } from './csv/predictions-csv';
import { computeMetrics } from './metrics/compute-metrics';
import { summariseFolds } from './metrics/fold-summary';
import type { PredictionTable } from './task-predictions';
import { sixTaskEvaluationInput } from './test-support/evaluation-fixture';
import { writeCrossValidation } from './write-cross-validation';

/** The rows of a table whose index modulo `folds` is `fold`. */
function foldRows(table: PredictionTable, folds: number, fold: number): PredictionTable {
  const rows = table.patientIds.map((_id, r) => r).filter((r) => r % folds === fold);
  return {
    patientIds: rows.map((r) => table.patientIds[r]!),
    tasks: table.tasks.map(({ task, truth, probabilities }) => {
      const k = task.classes.length;
      return {
        task,
        truth: rows.map((r) => truth[r]!),
        probabilities: rows.flatMap((r) =>
          Array.from({ length: k }, (_unused, c) => probabilities[r * k + c]!),
        ),
      };
    }),
  };
}

/** Fold CSVs joined under one header, as the cross-validation does. */
function joinCsv(texts: readonly string[]): string {
  const [header] = texts[0]!.split('\n');
  return `${header}\n${texts.map((text) => text.split('\n').slice(1).join('\n')).join('')}`;
}

describe('writeCrossValidation', () => {
  const table = sixTaskEvaluationInput().predictions;
  const folds = [0, 1, 2].map((fold) => foldRows(table, 3, fold));
  const foldCsv = folds.map(formatPredictionsCsv);
  const options = { resamples: 100, seed: 0 };
  const foldMetrics = folds.map((fold) => computeMetrics(fold, options));

  it('writes pooled = metrics of oof-predictions.csv, every fold, mean ± SD, plots, report', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ctf-cv-')), 'cv');
    const result = await writeCrossValidation(
      out,
      {
        oofCsv: [joinCsv(foldCsv)],
        folds: foldMetrics.map((metrics, i) => ({
          name: `fold-${i}`,
          patients: folds[i]!.patientIds.length,
          metrics,
        })),
        generatedAt: new Date('2026-01-01T00:00:00Z'),
      },
      options,
    );
    const oof = await readFile(join(out, 'oof-predictions.csv'), 'utf8');
    expect(oof.split('\n').filter((line) => line !== '')).toHaveLength(table.patientIds.length + 1);
    const written = JSON.parse(await readFile(join(out, 'metrics.json'), 'utf8'));
    expect(written).toEqual(JSON.parse(JSON.stringify(result.metrics)));
    expect(Object.keys(written)).toEqual(['pooled', 'folds', 'summary']);
    expect(written.pooled).toEqual(
      JSON.parse(JSON.stringify(computeMetrics(parsePredictionsCsv(oof), options))),
    );
    expect(written.folds).toEqual(JSON.parse(JSON.stringify(foldMetrics)));
    expect(written.summary).toEqual(JSON.parse(JSON.stringify(summariseFolds(foldMetrics))));
    const files = await readdir(out);
    expect(files).toEqual(
      expect.arrayContaining(['oof-predictions.csv', 'metrics.json', 'plots', 'report.html']),
    );
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2 id="cross-validation">Cross-validation</h2>');
    expect(html).toContain('3 of 3 folds finished');
    expect(html).toContain('ddof = 1');
  });

  it('lists an unfinished fold as null and summarises the finished ones', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ctf-cv-')), 'cv');
    const { metrics } = await writeCrossValidation(
      out,
      {
        oofCsv: [joinCsv([foldCsv[0]!, foldCsv[2]!])],
        folds: [
          { name: 'fold-0', patients: 10, metrics: foldMetrics[0]! },
          { name: 'fold-1', patients: 10, metrics: null },
          { name: 'fold-2', patients: 10, metrics: foldMetrics[2]! },
        ],
      },
      options,
    );
    expect(metrics.folds[1]).toBeNull();
    expect(metrics.summary).toEqual(summariseFolds([foldMetrics[0]!, foldMetrics[2]!]));
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('2 of 3 folds finished');
  });

  it('writes one file and pooled metrics per repetition', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ctf-cv-')), 'cv');
    const second = joinCsv([foldCsv[1]!, foldCsv[0]!, foldCsv[2]!]);
    const { metrics, files } = await writeCrossValidation(
      out,
      {
        oofCsv: [joinCsv(foldCsv), second],
        folds: foldMetrics.map((m, i) => ({ name: `fold-${i}`, patients: 10, metrics: m })),
      },
      options,
    );
    expect(files).toEqual(
      expect.arrayContaining([
        'oof-predictions.csv',
        'oof-predictions-repeat-1.csv',
        'oof-predictions-repeat-2.csv',
      ]),
    );
    expect(metrics.repeats).toHaveLength(2);
    expect(metrics.repeats![1]).toEqual(computeMetrics(parsePredictionsCsv(second), options));
  });

  it('names oof-predictions.csv and the line of a patient predicted twice', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ctf-cv-')), 'cv');
    await expect(
      writeCrossValidation(
        out,
        {
          oofCsv: [joinCsv([foldCsv[0]!, foldCsv[0]!])],
          folds: [{ name: 'fold-0', patients: 10, metrics: foldMetrics[0]! }],
        },
        options,
      ),
    ).rejects.toThrow(
      /oof-predictions\.csv, line \d+, column patient_id: each patient_id must appear once/,
    );
  });
});
