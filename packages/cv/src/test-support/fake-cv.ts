import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { computeMetrics, formatPredictionsCsv, type PredictionTable } from '@ct-fracture/eval';
import { parseTrainConfig } from '@ct-fracture/trainer';
import type { CvManifest } from '../cv-manifest';

const VARUS = { name: 'varus', kind: 'binary', classes: ['no', 'yes'] } as const;
const SHAFT = {
  name: 'shaft_translation',
  kind: 'multiclass',
  classes: ['none', 'substantial', 'complete'],
  ordinal: true,
} as const;

/** Seeded-looking but fixed predictions of a fold's patients (two tasks). */
export function foldPredictions(ids: readonly string[], offset: number): PredictionTable {
  return {
    patientIds: [...ids],
    tasks: [
      {
        task: VARUS,
        truth: ids.map((_id, i) => (i + offset) % 2),
        probabilities: ids.map((_id, i) => ((i * 7 + offset * 3) % 10) / 10 + 0.05),
      },
      {
        task: SHAFT,
        truth: ids.map((_id, i) => (i + offset) % 3),
        probabilities: ids.flatMap((_id, i) => {
          const p = ((i * 3 + offset) % 5) / 10 + 0.2;
          return [p, (1 - p) / 2, (1 - p) / 2];
        }),
      },
    ],
  };
}

/**
 * A cross-validation folder without training: cv.json, folds.json and, for the `finished`
 * folds, the files a fold's report writes (predictions.csv and metrics.json computed from
 * {@link foldPredictions}, a report.html). Test support only.
 */
export async function writeFakeCv(
  cvDir: string,
  options: { folds: number; repeats?: number; patients: number; finished: readonly number[] },
): Promise<{ ids: string[]; folds: { train: string[]; validation: string[] }[] }> {
  const repeats = options.repeats ?? 1;
  const ids = Array.from(
    { length: options.patients },
    (_unused, i) => `P${String(i).padStart(3, '0')}`,
  );
  const folds: { train: string[]; validation: string[] }[] = [];
  for (let r = 0; r < repeats; r += 1) {
    for (let k = 0; k < options.folds; k += 1) {
      const validation = ids.filter((_id, i) => (i + r) % options.folds === k);
      folds.push({ train: ids.filter((id) => !validation.includes(id)), validation });
    }
  }
  await mkdir(cvDir, { recursive: true });
  await writeFile(join(cvDir, 'folds.json'), JSON.stringify({ folds }));
  const manifest: CvManifest = {
    format: 'ct-fracture-cv',
    formatVersion: 1,
    folds: options.folds,
    repeats,
    seed: 0,
    includeTest: false,
    patients: options.patients,
    createdAt: '2026-01-01T00:00:00.000Z',
    config: parseTrainConfig({ data: { dir: '/data/humerus' } }),
  };
  await writeFile(join(cvDir, 'cv.json'), JSON.stringify(manifest));
  for (const index of options.finished) {
    const dir = join(cvDir, `fold-${index}`);
    await mkdir(dir, { recursive: true });
    const table = foldPredictions(folds[index]!.validation, index);
    await writeFile(join(dir, 'predictions.csv'), formatPredictionsCsv(table));
    await writeFile(
      join(dir, 'metrics.json'),
      JSON.stringify(computeMetrics(table, { resamples: 100 }), null, 2),
    );
    await writeFile(join(dir, 'report.html'), '<!DOCTYPE html>');
  }
  return { ids, folds };
}
