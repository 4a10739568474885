import { readFileSync } from 'node:fs';
import { quoteValue } from '@ct-fracture/core';
import { TrainerError } from '../errors/trainer-error';
import type { DatasetSample } from '../pipeline/batch-loader';

/** One fold of `folds.json`: the patient ids it trains on and validates on. */
export interface FoldPatients {
  readonly train: readonly string[];
  readonly validation: readonly string[];
}

/** `folds.json` of a cross-validation: `{"folds": [{"train": [ids], "validation": [ids]}, …]}`. */
export interface FoldsFile {
  readonly folds: readonly FoldPatients[];
}

function invalid(file: string, message: string): TrainerError {
  return new TrainerError({ code: 'data', file, field: 'data.crossValidation.folds', message });
}

const isIdList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((id) => typeof id === 'string' && id !== '');

/**
 * Reads a cross-validation's `folds.json` and checks its shape: at least one fold, each with
 * `train` and `validation` lists of patient ids, no id in both lists of a fold.
 * @throws {TrainerError} `data` naming the file (and the fold) when it is unreadable or malformed.
 * @example
 * readFoldsFile('runs/cv/folds.json').folds[0].validation; // ['P003', 'P011', …]
 */
export function readFoldsFile(file: string): FoldsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw invalid(file, `folds.json must be readable JSON, got: ${(error as Error).message}`);
  }
  const folds = (raw as { folds?: unknown } | null)?.folds;
  if (!Array.isArray(folds) || folds.length === 0) {
    throw invalid(
      file,
      'folds.json must be {"folds": [{"train": [ids], "validation": [ids]}, …]} with at least one fold',
    );
  }
  folds.forEach((fold: { train?: unknown; validation?: unknown } | null, index) => {
    if (!isIdList(fold?.train) || !isIdList(fold?.validation)) {
      throw invalid(file, `fold ${index} must have "train" and "validation" lists of patient ids`);
    }
    const validation = new Set(fold.validation);
    const both = fold.train.find((id) => validation.has(id));
    if (both !== undefined) {
      throw invalid(
        file,
        `fold ${index} must not train and validate on one patient, got ${quoteValue(both)} in both lists`,
      );
    }
  });
  return { folds: folds as FoldPatients[] };
}

/**
 * The training and validation scans of one fold: the samples whose patient id the fold lists.
 * Patients of the pool the fold does not list are left out with a warning.
 * @throws {TrainerError} `data` for a fold index past the file's folds, or a listed patient with
 * no labelled scan in the pool (the data changed after `folds.json` was written).
 */
export function selectFold(
  pool: readonly DatasetSample[],
  file: string,
  folds: FoldsFile,
  index: number,
): { train: DatasetSample[]; validation: DatasetSample[]; warnings: string[] } {
  const fold = folds.folds[index];
  if (fold === undefined) {
    throw new TrainerError({
      code: 'data',
      file,
      field: 'data.crossValidation.fold',
      message: `the fold must be one of folds.json's ${folds.folds.length} folds (0 to ${folds.folds.length - 1}), got ${index}`,
    });
  }
  const byId = new Map<string, DatasetSample[]>();
  for (const sample of pool) byId.set(sample.id, [...(byId.get(sample.id) ?? []), sample]);
  const pick = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const samples = byId.get(id);
      if (samples === undefined) {
        throw invalid(
          file,
          `fold ${index} lists patient ${quoteValue(id)}, which has no labelled scan in the data (was the data changed after folds.json was written?)`,
        );
      }
      return samples;
    });
  const train = pick(fold.train);
  const validation = pick(fold.validation);
  const listed = new Set([...fold.train, ...fold.validation]);
  const unlisted = [...byId.keys()].filter((id) => !listed.has(id));
  const warnings =
    unlisted.length === 0
      ? []
      : [
          `${unlisted.length} patient(s) with labelled scans are not in fold ${index} of ${file} and are left out: ${unlisted
            .slice(0, 5)
            .map((id) => quoteValue(id))
            .join(', ')}${unlisted.length > 5 ? ', …' : ''}`,
        ];
  return { train, validation, warnings };
}
