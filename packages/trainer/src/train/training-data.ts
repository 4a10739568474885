import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ORIGINAL_LAYOUT } from '@ct-fracture/core';
import {
  checkLabelDataset,
  DEFAULT_LABEL_SPEC,
  type LabelDatasetReport,
  type LabelSpec,
  loadLabelSpec,
  ORIGINAL_LABEL_SPEC,
  stratifiedSplit,
} from '@ct-fracture/labels';
import type { DataConfig } from '../config/data-schema';
import { TrainerError } from '../errors/trainer-error';
import type { DatasetSample } from '../pipeline/batch-loader';
import { checkScan } from '../pipeline/read-scan';
import { readFoldsFile, selectFold } from './cross-validation-folds-file';
import { labelProblems, throwDatasetProblems, unreadableScans } from './dataset-problems';

/** The labelled scans of a run, split into training and validation. */
export interface TrainingData {
  spec: LabelSpec;
  train: DatasetSample[];
  validation: DatasetSample[];
  /** Training rows per class, per task (task order). */
  trainClassCounts: number[][];
  /** Unmatched scans/rows and other warnings of the label check. */
  warnings: string[];
  /** Errors of the label check (train and validation CSVs), each naming file, line and column. */
  errors: string[];
  /** Where the data came from (resolved paths). */
  sources: { trainCsv: string; trainDir: string; valCsv: string | null; valDir: string | null };
}

/** The label specification named by `data.labelSpec`. */
export function resolveLabelSpec(name: string): LabelSpec {
  if (name === 'default') return DEFAULT_LABEL_SPEC;
  if (name === 'original') return ORIGINAL_LABEL_SPEC;
  return loadLabelSpec(name);
}

function samplesOf(report: LabelDatasetReport, spec: LabelSpec): DatasetSample[] {
  return report.matching.matches.map((match) => ({
    id: match.row.patientId,
    file: resolve(match.scan),
    labels: spec.tasks.map((task) => match.row.labels[task.name] ?? -1),
  }));
}

function check(csv: string, scans: string, spec: LabelSpec): LabelDatasetReport {
  return checkLabelDataset({ csv, scans, spec });
}

function messagesOf(report: LabelDatasetReport, severity: 'error' | 'warning'): string[] {
  return report.problems
    .filter((problem) => problem.severity === severity)
    .map((problem) => problem.message);
}

/** The labelled scans of the training split, and the test split on demand. */
interface LabelledSplits {
  spec: LabelSpec;
  trainReport: LabelDatasetReport;
  train: DatasetSample[];
  /** Reads the test split (valCsv/valDir or the original layout's), recording it in `sources`. */
  test: () => DatasetSample[];
  warnings: string[];
  errors: string[];
  sources: TrainingData['sources'];
}

/**
 * Reads the training label CSV and matches its scans; the test split is read when asked for.
 * @throws {TrainerError} `data` when no data is configured or a folder/CSV is missing.
 */
export function readSplits(data: DataConfig): LabelledSplits {
  if (data.dir === null && (data.trainCsv === null || data.trainDir === null)) {
    throw new TrainerError({
      code: 'data',
      field: 'data.dir',
      message:
        'training needs data: set data.dir (--data DIR, the original layout) or both data.trainCsv and data.trainDir',
    });
  }
  const root = data.dir === null ? null : resolve(data.dir);
  const pick = (explicit: string | null, relative: string) =>
    explicit !== null ? resolve(explicit) : root === null ? null : join(root, relative);
  const trainCsv = pick(data.trainCsv, ORIGINAL_LAYOUT.train.csv)!;
  const trainDir = pick(data.trainDir, ORIGINAL_LAYOUT.train.scans)!;
  for (const [path, field] of [
    [trainCsv, 'data.trainCsv'],
    [trainDir, 'data.trainDir'],
  ] as const) {
    if (!existsSync(path)) {
      throw new TrainerError({
        code: 'data',
        file: path,
        field,
        message: `the training data must exist (${field}, or data.dir in the original layout)`,
      });
    }
  }
  const spec = resolveLabelSpec(data.labelSpec);
  const trainReport = check(trainCsv, trainDir, spec);
  const splits: LabelledSplits = {
    spec,
    trainReport,
    train: samplesOf(trainReport, spec),
    warnings: messagesOf(trainReport, 'warning'),
    errors: messagesOf(trainReport, 'error'),
    sources: { trainCsv, trainDir, valCsv: null, valDir: null },
    test: () => {
      const valCsv = pick(data.valCsv, ORIGINAL_LAYOUT.test.csv);
      const valDir = pick(data.valDir, ORIGINAL_LAYOUT.test.scans);
      if (valCsv === null || valDir === null || !existsSync(valCsv) || !existsSync(valDir)) {
        throw new TrainerError({
          code: 'data',
          file: valCsv ?? undefined,
          field: 'data.valCsv',
          message:
            `validation data must exist: a ${ORIGINAL_LAYOUT.test.csv} and ${ORIGINAL_LAYOUT.test.scans} under data.dir, ` +
            'data.valCsv and data.valDir, or data.validationFraction to hold out training rows',
        });
      }
      const valReport = check(valCsv, valDir, spec);
      splits.warnings.push(...messagesOf(valReport, 'warning'));
      splits.errors.push(...messagesOf(valReport, 'error'));
      splits.sources = { ...splits.sources, valCsv, valDir };
      return samplesOf(valReport, spec);
    },
  };
  return splits;
}

/**
 * Reads the label CSVs, matches scans to rows (the original rule) and splits training from
 * validation: the validation CSV/folder (original: the test split), a seeded stratified
 * `validationFraction` of the training rows, or a cross-validation fold (`crossValidation`:
 * the patients its `folds.json` lists, from the training split and, with `includeTest`, the
 * test split). Label errors of both CSVs are collected in `errors`, not thrown (see
 * {@link checkTrainingData}).
 * @throws {TrainerError} `data` when no data is configured, a folder/CSV is missing or a
 * cross-validation's folds.json does not fit the data.
 */
export function loadTrainingData(data: DataConfig, seed: number): TrainingData {
  const splits = readSplits(data);
  const { spec, warnings, errors } = splits;
  let train = splits.train;
  let validation: DatasetSample[];
  const crossValidation = data.crossValidation;
  if (crossValidation !== null) {
    const pool = crossValidation.includeTest ? [...train, ...splits.test()] : train;
    const file = resolve(crossValidation.folds);
    const fold = selectFold(pool, file, readFoldsFile(file), crossValidation.fold);
    warnings.push(...fold.warnings);
    train = fold.train;
    validation = fold.validation;
  } else if (data.validationFraction !== null) {
    const rows = splits.trainReport.matching.matches.map((match) => match.row);
    const split = stratifiedSplit(
      { spec, rows },
      { validationFraction: data.validationFraction, seed },
    );
    validation = split.validation.map((index) => train[index]!);
    train = split.train.map((index) => train[index]!);
  } else {
    validation = splits.test();
  }
  if (train.length === 0 && errors.length === 0) {
    throw new TrainerError({
      code: 'data',
      file: splits.sources.trainCsv,
      message: `training needs at least one scan matched to a label row, got 0 (scans in ${splits.sources.trainDir})`,
    });
  }
  const trainClassCounts = spec.tasks.map((task, t) => {
    const counts = new Array<number>(task.classes.length).fill(0);
    for (const sample of train) if (sample.labels[t]! >= 0) counts[sample.labels[t]!]! += 1;
    return counts;
  });
  return {
    spec,
    train,
    validation,
    trainClassCounts,
    warnings,
    errors,
    sources: splits.sources,
  };
}

/**
 * Reads every scan's header before training so that a bad file is named up front, not hours
 * in. With `skipBad`, unreadable scans are dropped and reported through `warn`.
 * @returns the readable samples.
 * @throws {TrainerError} `unreadable-scan` naming the first bad file (without `skipBad`).
 */
export async function checkScanHeaders(
  samples: readonly DatasetSample[],
  skipBad: boolean,
  warn: (message: string) => void,
): Promise<DatasetSample[]> {
  const readable: DatasetSample[] = [];
  for (const sample of samples) {
    try {
      const { warnings } = await checkScan(sample.file);
      for (const warning of warnings) warn(`${sample.file}: ${warning}`);
      readable.push(sample);
    } catch (error) {
      const reason = (error as Error).message.replace(`${sample.file}: `, '');
      if (!skipBad) {
        throw new TrainerError({
          code: 'unreadable-scan',
          file: sample.file,
          message: `the scan must be a readable NIfTI file or DICOM series folder (use --skip-bad to skip it), got: ${reason}`,
          cause: error,
        });
      }
      warn(`skipping unreadable scan ${sample.file}: ${reason}`);
    }
  }
  return readable;
}

/**
 * One labelled folder (a CSV and its scans, e.g. the test split for validation), checked as
 * {@link checkTrainingData} checks training data: every label problem and every unreadable
 * scan header at once.
 * @returns the matched, readable scans with their labels (task order of `spec`).
 * @throws {TrainerError} `data` listing every problem, or when the CSV or folder is missing.
 */
export async function checkLabelledScans(
  options: { csv: string; dir: string; spec: LabelSpec; skipBad?: boolean },
  warn: (message: string) => void,
): Promise<DatasetSample[]> {
  for (const path of [options.csv, options.dir]) {
    if (!existsSync(path)) {
      throw new TrainerError({ code: 'data', file: resolve(path), message: 'must exist' });
    }
  }
  const report = check(resolve(options.csv), resolve(options.dir), options.spec);
  for (const message of messagesOf(report, 'warning')) warn(message);
  const problems = labelProblems(messagesOf(report, 'error'));
  const samples = samplesOf(report, options.spec);
  const unreadable = await unreadableScans(samples, options.skipBad === true, problems, warn);
  throwDatasetProblems(problems);
  return samples.filter((sample) => !unreadable.has(sample.file));
}

/**
 * The dataset check that runs before any training: the labels of both CSVs (every row and
 * column), the scan ↔ row matching, and every matched scan's NIfTI header. All problems are
 * reported at once — one `TrainerError` whose message is the single problem, or a count
 * followed by one problem per line (also in `problems`). With `skipBad`, unreadable scans
 * are dropped with a warning instead.
 * @returns the data with only readable scans.
 * @throws {TrainerError} `data` (label errors, unreadable scans, no training scan left).
 */
export async function checkTrainingData(
  config: DataConfig,
  seed: number,
  warn: (message: string) => void,
): Promise<TrainingData> {
  const data = loadTrainingData(config, seed);
  for (const message of data.warnings) warn(message);
  const problems = labelProblems(data.errors);
  const unreadable = await unreadableScans(
    [...data.train, ...data.validation],
    config.skipBad,
    problems,
    warn,
  );
  throwDatasetProblems(problems);
  const train = data.train.filter((sample) => !unreadable.has(sample.file));
  const validation = data.validation.filter((sample) => !unreadable.has(sample.file));
  if (train.length === 0) {
    throw new TrainerError({
      code: 'data',
      file: data.sources.trainCsv,
      message: 'training needs at least one readable scan matched to a label row, got 0',
    });
  }
  return { ...data, train, validation };
}
