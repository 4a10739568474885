import { mkdir, readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeFileAtomic } from '@ct-fracture/core/node';
import { crossValidationFolds } from '@ct-fracture/labels';
import {
  checkCrossValidationPool,
  type FoldsFile,
  parseTrainConfig,
  type TrainConfig,
} from '@ct-fracture/trainer';
import { cvFile } from './cv-layout';
import type { CvManifest } from './cv-manifest';
import { CvError } from './errors/cv-error';

/** What {@link createCrossValidation} sets up. */
export interface CreateCrossValidationOptions {
  /** The cross-validation folder to create (new, or empty). */
  cvDir: string;
  /** The training configuration of every fold (data, model, schedule, …; `training.seed` seeds the folds too). */
  config: TrainConfig;
  /** k: folds per repetition (2 to the smallest class's patient count). */
  folds: number;
  /** Repetitions of the k folds (default 1). */
  repeats?: number;
  /** Split the test split's patients too (default false: the test split stays untouched). */
  includeTest?: boolean;
  /** Warnings of the dataset check (unmatched scans or rows, skipped scans). */
  warn?: (message: string) => void;
  /** The clock (tests). */
  now?: () => Date;
}

const PATH_FIELDS = ['dir', 'trainCsv', 'trainDir', 'valCsv', 'valDir', 'cacheDir'] as const;

/**
 * The folds' configuration: every file path absolute, so a fold runs the same from any folder or
 * node, and no temperature fitted on the validation patients.
 */
function absolutePaths(config: TrainConfig): TrainConfig {
  const data = { ...config.data };
  for (const field of PATH_FIELDS) {
    const value = data[field];
    if (value !== null) data[field] = resolve(value);
  }
  if (data.labelSpec !== 'default' && data.labelSpec !== 'original') {
    data.labelSpec = resolve(data.labelSpec);
  }
  const init = config.model.init === null ? null : resolve(config.model.init);
  return parseTrainConfig({
    ...config,
    data,
    model: { ...config.model, init },
    training: { ...config.training, runDir: null },
    // Fitted on a fold's validation patients, a temperature would make their out-of-fold
    // probabilities in-sample: the folds report raw probabilities.
    calibration: { ...config.calibration, temperature: false },
  });
}

async function checkNewFolder(cvDir: string): Promise<void> {
  const entries: string[] = await readdir(cvDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw new CvError({
      code: 'io',
      file: cvDir,
      message: `must be a readable folder, got ${error.code}`,
    });
  });
  if (entries.includes('cv.json')) {
    throw new CvError({
      code: 'exists',
      file: cvDir,
      message:
        'already holds a cross-validation (cv.json): continue it with --resume, or choose another --out',
    });
  }
  if (entries.length > 0) {
    throw new CvError({
      code: 'exists',
      file: cvDir,
      message: `a new cross-validation needs a new or empty folder, got one holding ${entries.length} entries`,
    });
  }
}

/**
 * Creates a cross-validation folder before anything trains: checks the dataset (every label,
 * scan match and header, all problems at once), splits the patients into stratified,
 * patient-disjoint folds (`@ct-fracture/labels`' `crossValidationFolds` over every task, seed
 * `config.training.seed`) and writes `folds.json` then `cv.json` (the manifest, last: a folder
 * with `cv.json` is complete). The test split is left out unless `includeTest`. The folds fit no
 * calibration on their validation patients (`calibration.temperature` is set to false, operating
 * points are refused): that would make the out-of-fold predictions in-sample.
 * @returns the manifest and the folds (fold `i` = repetition `⌊i / k⌋`, fold `i mod k`).
 * @throws {CvError} `exists` when the folder holds a cross-validation or other files,
 * `invalid-option` for `validationFraction`, `crossValidation` or operating points in the
 * configuration;
 * the trainer's `data` error for dataset problems; labels' `invalid-option` for k larger
 * than the smallest class.
 * @example
 * const { manifest } = await createCrossValidation({ cvDir: 'runs/cv', config, folds: 5 });
 */
export async function createCrossValidation(
  options: CreateCrossValidationOptions,
): Promise<{ manifest: CvManifest; folds: FoldsFile }> {
  const cvDir = resolve(options.cvDir);
  const includeTest = options.includeTest ?? false;
  const repeats = options.repeats ?? 1;
  for (const field of ['validationFraction', 'crossValidation'] as const) {
    if (options.config.data[field] !== null) {
      throw new CvError({
        code: 'invalid-option',
        message: `data.${field} must be null for a cross-validation (the folds choose each run's validation patients), got ${JSON.stringify(options.config.data[field])}`,
      });
    }
  }
  const operatingPoints = Object.keys(options.config.calibration.operatingPoints);
  if (operatingPoints.length > 0) {
    throw new CvError({
      code: 'invalid-option',
      message: `calibration.operatingPoints must be empty for a cross-validation: a threshold chosen on a fold's validation patients would make their out-of-fold predictions in-sample (choose one on oof-predictions.csv instead), got ${operatingPoints.join(', ')}`,
    });
  }
  await checkNewFolder(cvDir);
  const config = absolutePaths(options.config);
  const pool = await checkCrossValidationPool(config.data, includeTest, options.warn ?? (() => {}));
  const rows = pool.samples.map((sample, index) => ({
    patientId: sample.id,
    key: sample.id.toLowerCase(),
    line: index + 2,
    labels: Object.fromEntries(pool.spec.tasks.map((task, t) => [task.name, sample.labels[t]!])),
  }));
  const splits = crossValidationFolds(
    { spec: pool.spec, rows },
    { folds: options.folds, repeats, seed: config.training.seed },
  );
  const folds: FoldsFile = {
    folds: splits.map((split) => ({
      train: split.train.map((row) => rows[row]!.patientId),
      validation: split.validation.map((row) => rows[row]!.patientId),
    })),
  };
  const manifest: CvManifest = {
    format: 'ct-fracture-cv',
    formatVersion: 1,
    folds: options.folds,
    repeats,
    seed: config.training.seed,
    includeTest,
    patients: rows.length,
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
    config,
  };
  try {
    await mkdir(cvDir, { recursive: true });
    await writeFileAtomic(cvFile(cvDir, 'folds'), `${JSON.stringify(folds, null, 2)}\n`);
    await writeFileAtomic(cvFile(cvDir, 'manifest'), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    throw new CvError({
      code: 'io',
      file: cvDir,
      message: `the cross-validation folder must be writable, got: ${(error as Error).message}`,
      cause: error,
    });
  }
  return { manifest, folds };
}
