import { readFile } from 'node:fs/promises';
import { parseTrainConfig, type TrainConfig } from '@ct-fracture/trainer';
import { cvFile } from './cv-layout';
import { CvError } from './errors/cv-error';

/** `cv.json`: what a cross-validation is. Written last when a cross-validation is created. */
export interface CvManifest {
  format: 'ct-fracture-cv';
  formatVersion: 1;
  /** k: folds per repetition. */
  folds: number;
  /** Repetitions of the k folds; fold `i` of `folds.json` is repetition `⌊i / k⌋`. */
  repeats: number;
  /** The seed of the folds (repetition r: seed + r); also the training seed of every fold. */
  seed: number;
  /** Whether the patients come from the test split too. */
  includeTest: boolean;
  /** Patients split into folds. */
  patients: number;
  /** When the folds were written (ISO 8601). */
  createdAt: string;
  /** The training configuration of every fold before its fold is set (absolute data paths). */
  config: TrainConfig;
}

const isCount = (value: unknown, min: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min;

/**
 * Reads and checks a cross-validation's `cv.json` (its configuration as `train` would).
 * @throws {CvError} `not-a-cv` naming `cv.json` when it is missing or malformed; the trainer's
 * `invalid-config` error for a bad configuration.
 * @example
 * const manifest = await readCvManifest('runs/cv-2026-01-01T10-00-00');
 * manifest.folds * manifest.repeats; // fold runs
 */
export async function readCvManifest(cvDir: string): Promise<CvManifest> {
  const file = cvFile(cvDir, 'manifest');
  let raw: Partial<CvManifest> | null;
  try {
    raw = JSON.parse(await readFile(file, 'utf8')) as Partial<CvManifest> | null;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CvError({
      code: 'not-a-cv',
      file,
      message: missing
        ? 'a cross-validation folder must hold cv.json (written by ct-fracture cv), got none'
        : `cv.json must be readable JSON, got: ${(error as Error).message}`,
      cause: error,
    });
  }
  if (
    raw?.format !== 'ct-fracture-cv' ||
    raw.formatVersion !== 1 ||
    !isCount(raw.folds, 2) ||
    !isCount(raw.repeats, 1) ||
    !isCount(raw.seed, 0) ||
    typeof raw.includeTest !== 'boolean'
  ) {
    throw new CvError({
      code: 'not-a-cv',
      file,
      message:
        'cv.json must have format "ct-fracture-cv", formatVersion 1, folds ≥ 2, repeats ≥ 1, seed and includeTest',
    });
  }
  return { ...(raw as CvManifest), config: parseTrainConfig(raw.config, { file }) };
}
