import { join, resolve } from 'node:path';

/** The files of a cross-validation folder, relative to it. */
export const CV_FILES = {
  /** What the cross-validation is: folds, repeats, seed, the base training configuration. */
  manifest: 'cv.json',
  /** `{"folds": [{"train": [ids], "validation": [ids]}, …]}`, written before anything trains. */
  folds: 'folds.json',
  /** Every finished fold's validation predictions under one header. */
  oof: 'oof-predictions.csv',
  /** `{pooled, folds, summary}`. */
  metrics: 'metrics.json',
  report: 'report.html',
  /** Slurm scripts (`cv.sbatch`, `report.sbatch`, `submit.sh`) and their job output. */
  slurm: 'slurm',
  /** Output of folds run side by side (`--jobs N`): `logs/fold-<i>.log`. */
  logs: 'logs',
} as const;

/**
 * The run folder of fold `index` (0-based): `<cv>/fold-<index>`, absolute.
 * @example
 * foldDir('runs/cv', 2); // '/…/runs/cv/fold-2'
 */
export function foldDir(cvDir: string, index: number): string {
  return resolve(cvDir, `fold-${index}`);
}

/** A file of the cross-validation folder, absolute. */
export function cvFile(cvDir: string, name: keyof typeof CV_FILES): string {
  return resolve(join(cvDir, CV_FILES[name]));
}
