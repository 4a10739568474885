import { EXIT, UsageError } from './cli-error';

/** Where a command writes: JSON and results to `out`, progress and errors to `err`. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const CT_FRACTURE_ERROR = Symbol.for('ct-fracture.error');

function isCtFractureError(error: unknown): error is Error {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { [CT_FRACTURE_ERROR]?: unknown })[CT_FRACTURE_ERROR] === true
  );
}

/**
 * Runs a command body and turns failures into one line on stderr and an exit code:
 * usage errors → 2, ct-fracture (input/data) errors → 1, anything else → 1 as an
 * internal error. Stack traces only with `debug`.
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
    if (error instanceof UsageError) {
      io.err(`ct-fracture: ${message}\n`);
      return EXIT.usage;
    }
    if (isCtFractureError(error)) {
      io.err(`ct-fracture: ${message.split('\n')[0]}\n`);
    } else {
      io.err(`ct-fracture: internal error: ${message.split('\n')[0]}\n`);
    }
    if (debug && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    return EXIT.input;
  }
}
