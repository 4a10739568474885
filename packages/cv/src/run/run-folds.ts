/** How one fold run ended. */
export interface FoldOutcome {
  index: number;
  /** The error that stopped it, or null when it finished. */
  error: Error | null;
}

/** Options of {@link runFolds}. */
export interface RunFoldsOptions {
  /** The folds to run, in order. */
  indices: readonly number[];
  /** How many run at once (≥ 1). */
  jobs: number;
  /** Runs one fold; a rejection is recorded and the other folds go on. */
  runFold: (index: number) => Promise<void>;
  /** Aborted → no further fold starts (running ones are the caller's to stop). */
  signal?: AbortSignal;
}

/**
 * Runs folds with at most `jobs` at a time, in index order. A fold that fails does not stop
 * the others: every outcome is returned, in the order of `indices`; folds not started because
 * of `signal` are left out.
 * @example
 * const outcomes = await runFolds({ indices: [0, 1, 2], jobs: 2, runFold: (i) => spawnFold(i) });
 */
export async function runFolds(options: RunFoldsOptions): Promise<FoldOutcome[]> {
  const queue = [...options.indices];
  const outcomes = new Map<number, FoldOutcome>();
  const worker = async () => {
    for (;;) {
      if (options.signal?.aborted) return;
      const index = queue.shift();
      if (index === undefined) return;
      try {
        await options.runFold(index);
        outcomes.set(index, { index, error: null });
      } catch (error) {
        outcomes.set(index, {
          index,
          error: error instanceof Error ? error : new Error(String(error)),
        });
      }
    }
  };
  const jobs = Math.max(1, Math.min(options.jobs, options.indices.length));
  await Promise.all(Array.from({ length: jobs }, worker));
  return options.indices.flatMap((index) => {
    const outcome = outcomes.get(index);
    return outcome === undefined ? [] : [outcome];
  });
}
