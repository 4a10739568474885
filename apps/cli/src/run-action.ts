import { CtFractureError } from '@ct-fracture/core';
import { EXIT, UsageError } from './cli-error';

/** Where a command writes: JSON and results to `out`, progress and errors to `err`. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * The problems an error reports at once (the dataset check before training or validation):
 * the strings of its `problems` array, listed one per line under the headline. (Commands
 * that print their own problem list, such as `labels check`, throw errors without them.)
 */
function problemsOf(error: Error): string[] {
  const problems = (error as { problems?: unknown }).problems;
  if (!Array.isArray(problems) || problems.length < 2) return [];
  return problems.filter((problem): problem is string => typeof problem === 'string');
}

/**
 * Runs a command body and turns failures into one line on stderr and an exit code:
 * usage errors → 2, an interruption (code `interrupted`) → 130, ct-fracture (input/data)
 * errors → 1, anything else → 1 as an internal error. Stack traces only with `debug`.
 */
export async function runAction(
  io: Io,
  debug: boolean,
  body: () => Promise<number | undefined> | number | undefined,
): Promise<number> {
  try {
    return (await body()) ?? EXIT.ok;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (UsageError.isInstance(error)) {
      io.err(`ct-fracture: ${message}\n`);
      return EXIT.usage;
    }
    if (CtFractureError.isInstance(error) && error.code === 'interrupted') {
      io.err(`ct-fracture: ${message.split('\n')[0]}\n`);
      return EXIT.interrupted;
    }
    if (CtFractureError.isInstance(error)) {
      io.err(`ct-fracture: ${message.split('\n')[0]}\n`);
      for (const problem of problemsOf(error)) io.err(`  - ${problem}\n`);
    } else {
      io.err(`ct-fracture: internal error: ${message.split('\n')[0]}\n`);
    }
    if (debug && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    return EXIT.input;
  }
}
