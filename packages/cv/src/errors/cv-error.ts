import { CtFractureError } from '@ct-fracture/core';

/** What went wrong with a cross-validation folder, a fold run or Slurm. */
export type CvErrorCode =
  /** The output folder already holds a cross-validation, or files (not a new folder). */
  | 'exists'
  /** A folder is not a cross-validation folder (no readable `cv.json`), or it is malformed. */
  | 'not-a-cv'
  /** A fold index, option or configuration that does not fit the cross-validation. */
  | 'invalid-option'
  /** A fold run failed (its exit code and log file are named). */
  | 'fold-failed'
  /** No fold has finished, so there is nothing to aggregate. */
  | 'no-finished-fold'
  /** Slurm's commands are missing or refused something (`sinfo`, `sbatch`). */
  | 'slurm'
  /** A file could not be written. */
  | 'io';

/** A cross-validation problem, with the file or folder (and the fold) it concerns. */
export class CvError extends CtFractureError {
  static override readonly errorName: string = 'CvError';
  declare readonly code: CvErrorCode;
  /** The file or folder at fault. */
  readonly file: string | undefined;
  /** The fold (0-based), when the problem is one fold's. */
  readonly fold: number | undefined;

  constructor(options: {
    code: CvErrorCode;
    message: string;
    file?: string;
    fold?: number;
    cause?: unknown;
  }) {
    super({
      code: options.code,
      message: options.file === undefined ? options.message : `${options.file}: ${options.message}`,
      cause: options.cause,
    });
    this.file = options.file;
    this.fold = options.fold;
  }
}
