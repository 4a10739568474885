import { TrainerError } from '../errors/trainer-error';
import type { DatasetSample } from '../pipeline/batch-loader';
import { checkScan } from '../pipeline/read-scan';

/** Why a scan's header cannot be read, or null when it can (its warnings go to `warn`). */
async function headerProblem(
  file: string,
  warn: (message: string) => void,
): Promise<string | null> {
  try {
    const { warnings } = await checkScan(file);
    for (const warning of warnings) warn(`${file}: ${warning}`);
    return null;
  } catch (error) {
    return (error as Error).message.replace(`${file}: `, '');
  }
}

/**
 * Reads every scan's header; an unreadable one becomes a problem (or, with `skipBad`, a
 * warning). @returns the unreadable files.
 */
export async function unreadableScans(
  samples: readonly DatasetSample[],
  skipBad: boolean,
  problems: DatasetProblem[],
  warn: (message: string) => void,
): Promise<Set<string>> {
  const unreadable = new Set<string>();
  for (const sample of samples) {
    const reason = await headerProblem(sample.file, warn);
    if (reason === null) continue;
    unreadable.add(sample.file);
    if (skipBad) {
      warn(`skipping unreadable scan ${sample.file}: ${reason}`);
    } else {
      problems.push({
        code: 'unreadable-scan',
        file: sample.file,
        message: `the scan must be a readable NIfTI file or DICOM series folder (use --skip-bad to skip it), got: ${reason}`,
      });
    }
  }
  return unreadable;
}

/** One problem of the dataset check: a label error (its message names file and line) or a scan. */
export interface DatasetProblem {
  code: 'data' | 'unreadable-scan';
  file?: string;
  message: string;
}

export const labelProblems = (messages: readonly string[]): DatasetProblem[] =>
  messages.map((message) => ({ code: 'data', message }));

/**
 * Throws for the problems of a dataset check: the single problem as it is (`unreadable-scan`
 * with its `file`, or `data`), else one `data` error with a count and the list.
 */
export function throwDatasetProblems(problems: readonly DatasetProblem[]): void {
  if (problems.length === 1) {
    const [problem] = problems;
    throw new TrainerError({ code: problem!.code, file: problem!.file, message: problem!.message });
  }
  if (problems.length > 1) {
    const lines = problems.map((problem) =>
      problem.file === undefined ? problem.message : `${problem.file}: ${problem.message}`,
    );
    throw new TrainerError({
      code: 'data',
      message: `the dataset must have no problems, got ${problems.length}:\n${lines.map((line) => `  - ${line}`).join('\n')}`,
      problems: lines,
    });
  }
}
