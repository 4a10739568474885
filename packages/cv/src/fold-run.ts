import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  loadTrainingState,
  parseTrainConfig,
  readFoldsFile,
  resolveFolder,
  type TrainConfig,
} from '@ct-fracture/trainer';
import { cvFile, foldDir } from './cv-layout';
import { type CvManifest, readCvManifest } from './cv-manifest';
import { CvError } from './errors/cv-error';

/**
 * Where a fold stands: `finished` (its report is written: `metrics.json`, `predictions.csv`,
 * `report.html`), `trained` (training ended — last epoch or early stopping — but the report is
 * missing), `started` (`checkpoints/last` exists: training resumes from it) or `pending`.
 */
export type FoldStatus = 'finished' | 'trained' | 'started' | 'pending';

/** One fold of a cross-validation. */
export interface FoldInfo {
  /** 0-based index into `folds.json`. */
  index: number;
  /** `fold-<index>`. */
  name: string;
  /** Its run folder, absolute. */
  dir: string;
  /** Repetition and fold within it (0-based). */
  repeat: number;
  fold: number;
  /** Validation patients. */
  patients: number;
  status: FoldStatus;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The status of the fold run in `dir` (see {@link FoldStatus}). */
export async function foldStatus(dir: string): Promise<FoldStatus> {
  const reported = await Promise.all(
    ['report.html', 'metrics.json', 'predictions.csv'].map((file) => exists(join(dir, file))),
  );
  if (reported.every(Boolean)) return 'finished';
  const last = await resolveFolder(join(dir, 'checkpoints', 'last'));
  if (last === null) return 'pending';
  const state = await loadTrainingState(last).catch(() => null);
  return state?.reason === 'final' || state?.reason === 'early-stopping' ? 'trained' : 'started';
}

/**
 * Every fold of a cross-validation with its status, from `cv.json` and `folds.json`.
 * @throws {CvError} `not-a-cv` for a folder without a valid `cv.json`, or a `folds.json` whose
 * fold count is not folds × repeats.
 * @example
 * const { folds } = await crossValidationStatus('runs/cv');
 * folds.filter((fold) => fold.status !== 'finished').map((fold) => fold.index);
 */
export async function crossValidationStatus(
  cvDir: string,
): Promise<{ manifest: CvManifest; folds: FoldInfo[] }> {
  const manifest = await readCvManifest(cvDir);
  const file = cvFile(cvDir, 'folds');
  const { folds } = readFoldsFile(file);
  const expected = manifest.folds * manifest.repeats;
  if (folds.length !== expected) {
    throw new CvError({
      code: 'not-a-cv',
      file,
      message: `folds.json must have folds × repeats = ${expected} folds like cv.json, got ${folds.length}`,
    });
  }
  const infos = await Promise.all(
    folds.map(async (patients, index) => ({
      index,
      name: `fold-${index}`,
      dir: foldDir(cvDir, index),
      repeat: Math.floor(index / manifest.folds),
      fold: index % manifest.folds,
      patients: patients.validation.length,
      status: await foldStatus(foldDir(cvDir, index)),
    })),
  );
  return { manifest, folds: infos };
}

/**
 * The training configuration of fold `index`: the cross-validation's, with
 * `data.crossValidation` = this fold of `<cv>/folds.json` and `training.runDir` = `<cv>/fold-<index>`
 * — an ordinary `train` configuration (`ct-fracture train --config <cv>/fold-<i>/config.json`
 * reruns the fold).
 * @throws {CvError} `invalid-option` for an index outside 0 … folds × repeats − 1.
 * @example
 * const { config, status } = await foldRun('runs/cv', 3);
 */
export async function foldRun(
  cvDir: string,
  index: number,
): Promise<{ config: TrainConfig; info: FoldInfo; manifest: CvManifest }> {
  const { manifest, folds } = await crossValidationStatus(cvDir);
  const info = folds[index];
  if (!Number.isInteger(index) || info === undefined) {
    throw new CvError({
      code: 'invalid-option',
      file: cvFile(cvDir, 'folds'),
      message: `the fold must be an integer from 0 to ${folds.length - 1}, got ${index}`,
    });
  }
  const config = parseTrainConfig({
    ...manifest.config,
    data: {
      ...manifest.config.data,
      crossValidation: {
        folds: cvFile(cvDir, 'folds'),
        fold: index,
        includeTest: manifest.includeTest,
      },
    },
    training: { ...manifest.config.training, runDir: info.dir },
  });
  return { config, info, manifest };
}
