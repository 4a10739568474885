import { writeFileAtomic } from '@ct-fracture/core/node';
import { EvaluationError } from './errors/evaluation-error';

/**
 * `writeFileAtomic` of `@ct-fracture/core/node` (creates the folder, never leaves a torn file),
 * with a failure reported as an {@link EvaluationError} `io` naming the file.
 * @throws {@link EvaluationError} `io` when the folder cannot be created or the file written.
 */
export async function writeEvaluationFile(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(path, data);
  } catch (error) {
    throw new EvaluationError({
      code: 'io',
      message: `the file must be writable, got ${(error as Error).message}`,
      file: path,
      cause: error,
    });
  }
}
