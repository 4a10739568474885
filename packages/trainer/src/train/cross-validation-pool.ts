import { dirname } from 'node:path';
import { quoteValue } from '@ct-fracture/core';
import type { LabelSpec } from '@ct-fracture/labels';
import type { DataConfig } from '../config/data-schema';
import { TrainerError } from '../errors/trainer-error';
import type { DatasetSample } from '../pipeline/batch-loader';
import { labelProblems, throwDatasetProblems, unreadableScans } from './dataset-problems';
import { readSplits, type TrainingData } from './training-data';

/** The patients a cross-validation splits into folds (see {@link checkCrossValidationPool}). */
export interface CrossValidationPool {
  spec: LabelSpec;
  /** One readable scan per patient, training split first, then (with `includeTest`) the test split. */
  samples: DatasetSample[];
  sources: TrainingData['sources'];
}

/**
 * The dataset check before a cross-validation writes its folds: the training split's labels
 * (and the test split's with `includeTest`), scan ↔ row matching and every scan header, all
 * problems at once as {@link checkTrainingData}. Each patient must have exactly one scan and be
 * in one split only, so that every patient is predicted once out of fold.
 * @returns the patients with readable scans (unreadable ones dropped with `skipBad`).
 * @throws {TrainerError} `data` listing every problem (label errors, unreadable scans, a patient
 * with two scans or in both splits), or when no scan is left.
 * @example
 * const pool = await checkCrossValidationPool(config.data, false, console.warn);
 * pool.samples.length; // patients to split into folds
 */
export async function checkCrossValidationPool(
  config: DataConfig,
  includeTest: boolean,
  warn: (message: string) => void,
): Promise<CrossValidationPool> {
  const splits = readSplits(config);
  const test = includeTest ? splits.test() : [];
  for (const message of splits.warnings) warn(message);
  const problems = labelProblems(splits.errors);
  const seen = new Map<string, DatasetSample>();
  for (const sample of [...splits.train, ...test]) {
    const earlier = seen.get(sample.id.toLowerCase());
    if (earlier !== undefined) {
      problems.push({
        code: 'data',
        file: sample.file,
        message:
          dirname(earlier.file) === dirname(sample.file)
            ? `cross-validation needs one scan per patient, got a second scan of patient ${quoteValue(sample.id)} (first: ${earlier.file})`
            : `cross-validation needs each patient in one split, got patient ${quoteValue(sample.id)} in both (first: ${earlier.file})`,
      });
    } else {
      seen.set(sample.id.toLowerCase(), sample);
    }
  }
  const samples = [...seen.values()];
  const unreadable = await unreadableScans(samples, config.skipBad, problems, warn);
  throwDatasetProblems(problems);
  const readable = samples.filter((sample) => !unreadable.has(sample.file));
  if (readable.length === 0) {
    throw new TrainerError({
      code: 'data',
      file: splits.sources.trainCsv,
      message: 'cross-validation needs readable scans matched to label rows, got 0',
    });
  }
  return { spec: splits.spec, samples: readable, sources: splits.sources };
}
