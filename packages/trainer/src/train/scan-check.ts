import type { PreprocessOptions } from '@ct-fracture/nifti-io';
import { TrainerError } from '../errors/trainer-error';
import type { DatasetSample } from '../pipeline/batch-loader';
import type { SamplePreparer } from '../pipeline/sample-preparer';

/** How {@link readEveryScan} reads. */
export interface ScanCheckOptions {
  preparer: SamplePreparer;
  preprocessing: PreprocessOptions;
  /** The preprocessing cache the check fills (null: none). */
  cacheDir: string | null;
  /** Skip unreadable scans with a warning instead of failing. */
  skipBad: boolean;
  warn: (message: string) => void;
  /** After each scan: how many are done, of how many. */
  onProgress?: (checked: number, total: number) => void;
  /** Abort → the check stops between scans with a TrainerError `interrupted`. */
  signal?: AbortSignal;
}

/** The interruption error of a run stopped before training began. */
export function interruptedError(): TrainerError {
  return new TrainerError({
    code: 'interrupted',
    message: 'interrupted before training began (nothing was trained; run the command again)',
  });
}

/**
 * The full data check before training: every scan is read whole once — decompressed, decoded,
 * checked finite and preprocessed as training will — so that a truncated or corrupt scan is named
 * now, not at the first validation epochs later. It fills the preprocessing cache on the way, so
 * the first epoch does not decode again. Runs on the preparer's worker threads.
 * @returns the scans that can be read (all of them unless `skipBad`).
 * @throws {TrainerError} the one unreadable scan (`unreadable-scan`, naming it), or `data`
 *   listing every unreadable scan; `interrupted` when aborted.
 */
export async function readEveryScan(
  samples: readonly DatasetSample[],
  options: ScanCheckOptions,
): Promise<DatasetSample[]> {
  const files = [...new Set(samples.map((sample) => sample.file))];
  const problems = new Map<string, string>();
  let next = 0;
  let checked = 0;
  const worker = async () => {
    while (next < files.length) {
      if (options.signal?.aborted) return;
      const file = files[next++]!;
      try {
        await options.preparer.prepare({
          file,
          preprocessing: options.preprocessing,
          cacheDir: options.cacheDir,
          augmentation: null,
          seed: [0],
        });
      } catch (error) {
        if (!(TrainerError.isInstance(error) && error.code === 'unreadable-scan')) throw error;
        problems.set(
          file,
          error.message.startsWith(`${file}: `)
            ? error.message.slice(file.length + 2)
            : error.message,
        );
      }
      checked += 1;
      options.onProgress?.(checked, files.length);
      // Let a signal handler run between scans even when every read is served from memory.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  // On the main thread one at a time (reads stay in a fixed order); on workers, two each.
  const parallel = options.preparer.threads === 0 ? 1 : options.preparer.threads * 2;
  await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, worker));
  if (options.signal?.aborted) throw interruptedError();
  const bad = files.filter((file) => problems.has(file));
  if (bad.length > 0 && options.skipBad) {
    for (const file of bad) options.warn(`skipping unreadable scan ${file}: ${problems.get(file)}`);
  } else if (bad.length === 1) {
    throw new TrainerError({
      code: 'unreadable-scan',
      file: bad[0],
      message: `the scan must be readable whole (use --skip-bad to skip it), got: ${problems.get(bad[0]!)}`,
    });
  } else if (bad.length > 1) {
    const lines = bad.map((file) => `${file}: ${problems.get(file)}`);
    throw new TrainerError({
      code: 'data',
      message:
        `every scan must be readable whole (use --skip-bad to skip them), got ${bad.length} that ` +
        `are not:\n${lines.map((line) => `  - ${line}`).join('\n')}`,
      problems: lines,
    });
  }
  return samples.filter((sample) => !problems.has(sample.file));
}
