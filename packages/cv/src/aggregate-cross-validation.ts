import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type CrossValidationMetrics,
  type MetricsDocument,
  type ReportFold,
  writeCrossValidation,
} from '@ct-fracture/eval';
import { CvError } from './errors/cv-error';
import { crossValidationStatus, type FoldInfo } from './fold-run';

/** What {@link aggregateCrossValidation} wrote. */
export interface CrossValidationAggregate {
  metrics: CrossValidationMetrics;
  /** Files written into the cross-validation folder (relative). */
  files: string[];
  /** Every fold with its status. */
  folds: FoldInfo[];
  reportPath: string;
}

async function readText(file: string, fold: number): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CvError({
      code: 'io',
      file,
      fold,
      message: `a finished fold's file must be readable, got: ${(error as Error).message}`,
      cause: error,
    });
  }
}

/** The rows of predictions.csv texts under the first one's header (each must have that header). */
function joinPredictions(texts: readonly { file: string; fold: number; text: string }[]): string {
  const header = texts[0]!.text.split('\n', 1)[0]!;
  const rows = texts.map(({ file, fold, text }) => {
    const [own, ...lines] = text.split('\n');
    if (own !== header) {
      throw new CvError({
        code: 'invalid-option',
        file,
        fold,
        message: `every fold's predictions.csv must have the same columns, got a header that differs from ${texts[0]!.file}'s`,
      });
    }
    return lines.filter((line) => line !== '').join('\n');
  });
  return `${header}\n${rows.filter((part) => part !== '').join('\n')}\n`;
}

/**
 * Aggregates whatever folds have finished: `oof-predictions.csv` (their validation
 * predictions, each patient once per repetition, in fold order), `metrics.json` =
 * `{pooled, folds, summary}` (pooled = `metrics` of `oof-predictions.csv` with CIs; folds in
 * fold order, `null` for unfinished ones; mean and sample SD, ddof = 1, over finished folds),
 * plots and `report.html` — with `@ct-fracture/eval`'s `writeCrossValidation`.
 * @param options.generatedAt - the report's time stamp (default now).
 * @throws {CvError} `no-finished-fold` when no fold has finished; `not-a-cv` for a folder that
 * is not a cross-validation; eval's errors for a bad fold predictions file.
 * @example
 * const { metrics, reportPath } = await aggregateCrossValidation('runs/cv');
 * metrics.summary.varus.balanced_accuracy; // { mean, sd, values }
 */
export async function aggregateCrossValidation(
  cvDir: string,
  options: { generatedAt?: Date } = {},
): Promise<CrossValidationAggregate> {
  const { manifest, folds } = await crossValidationStatus(cvDir);
  const finished = folds.filter((fold) => fold.status === 'finished');
  if (finished.length === 0) {
    throw new CvError({
      code: 'no-finished-fold',
      file: cvDir,
      message: `a report needs at least one finished fold, got none of ${folds.length} (run the folds first: ct-fracture cv --resume ${cvDir})`,
    });
  }
  const metrics = new Map<number, MetricsDocument>();
  const predictions = new Map<number, { file: string; fold: number; text: string }>();
  for (const fold of finished) {
    const metricsFile = join(fold.dir, 'metrics.json');
    metrics.set(fold.index, JSON.parse(await readText(metricsFile, fold.index)) as MetricsDocument);
    const file = join(fold.dir, 'predictions.csv');
    predictions.set(fold.index, { file, fold: fold.index, text: await readText(file, fold.index) });
  }
  const oofCsv: string[] = [];
  for (let repeat = 0; repeat < manifest.repeats; repeat += 1) {
    const texts = finished
      .filter((fold) => fold.repeat === repeat)
      .map((fold) => predictions.get(fold.index)!);
    if (texts.length > 0) oofCsv.push(joinPredictions(texts));
  }
  const reportFolds: ReportFold[] = folds.map((fold) => ({
    name: fold.name,
    patients: fold.patients,
    metrics: metrics.get(fold.index) ?? null,
  }));
  const unfinished = folds.filter((fold) => fold.status !== 'finished');
  const data = manifest.config.data;
  const written = await writeCrossValidation(cvDir, {
    oofCsv,
    folds: reportFolds,
    config: manifest.config,
    dataset: {
      data: data.dir ?? data.trainCsv,
      patients: manifest.patients,
      'test split': manifest.includeTest ? 'included in the folds' : 'untouched',
      folds: manifest.folds,
      repeats: manifest.repeats,
      seed: manifest.seed,
      stratification: 'patient-level, iterative over every task and class',
    },
    notes:
      unfinished.length === 0
        ? []
        : [
            `${unfinished.length} of ${folds.length} folds have not finished (${unfinished
              .map((fold) => `${fold.name}: ${fold.status}`)
              .join(', ')}): the pooled predictions cover ${finished.length} folds`,
          ],
    title: `ct-fracture cross-validation (${manifest.folds} folds${manifest.repeats > 1 ? ` × ${manifest.repeats}` : ''})`,
    generatedAt: options.generatedAt,
  });
  return {
    metrics: written.metrics,
    files: written.files,
    folds,
    reportPath: join(cvDir, 'report.html'),
  };
}
