import { crossValidationStatus, type FoldInfo } from '../fold-run';
import { type FoldOutcome, runFolds } from './run-folds';

/** Progress of {@link runCrossValidation}. */
export type CrossValidationEvent =
  | { type: 'skip'; fold: FoldInfo }
  | { type: 'start'; fold: FoldInfo }
  | { type: 'end'; fold: FoldInfo; error: Error | null };

/** Options of {@link runCrossValidation}. */
export interface RunCrossValidationOptions {
  cvDir: string;
  /** Folds side by side (default 1). */
  jobs?: number;
  /** Trains and reports one fold (in this process, or as a `cv-fold` child process). */
  runFold: (fold: FoldInfo) => Promise<void>;
  /** Aborted → no further fold starts. */
  signal?: AbortSignal;
  onProgress?: (event: CrossValidationEvent) => void;
}

/**
 * Runs every fold of a cross-validation that has not finished — a fold resumes where it stands
 * (`started`: from `checkpoints/last`; `trained`: only its report) — skipping finished ones, so
 * an interrupted cross-validation continues fold by fold. At most `jobs` folds run at once; a
 * failing fold does not stop the others.
 * @returns the folds skipped (finished before) and how each run fold ended, in fold order.
 * @throws {CvError} `not-a-cv` for a folder that is not a cross-validation.
 * @example
 * const { outcomes } = await runCrossValidation({ cvDir: 'runs/cv', runFold: (fold) => trainFold(fold) });
 */
export async function runCrossValidation(
  options: RunCrossValidationOptions,
): Promise<{ skipped: FoldInfo[]; outcomes: FoldOutcome[] }> {
  const { folds } = await crossValidationStatus(options.cvDir);
  const emit = options.onProgress ?? (() => {});
  const skipped = folds.filter((fold) => fold.status === 'finished');
  for (const fold of skipped) emit({ type: 'skip', fold });
  const pending = folds.filter((fold) => fold.status !== 'finished');
  const outcomes = await runFolds({
    indices: pending.map((fold) => fold.index),
    jobs: options.jobs ?? 1,
    signal: options.signal,
    runFold: async (index) => {
      const fold = folds[index]!;
      emit({ type: 'start', fold });
      try {
        await options.runFold(fold);
      } catch (error) {
        emit({ type: 'end', fold, error: error as Error });
        throw error;
      }
      emit({ type: 'end', fold, error: null });
    },
  });
  return { skipped, outcomes };
}
