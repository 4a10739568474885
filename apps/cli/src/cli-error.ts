import { CtFractureError } from '@ct-fracture/core';

/** A command-line usage problem (bad flag, missing argument): exit code 2. */
export class UsageError extends CtFractureError {
  static override readonly errorName: string = 'UsageError';
  declare readonly code: 'usage';

  constructor(message: string) {
    super({ code: 'usage', message });
  }
}

/**
 * An input or data problem found by the CLI itself (a missing run folder, a bad data
 * layout): exit code 1, like the packages' ct-fracture errors.
 */
export class CliInputError extends CtFractureError {
  static override readonly errorName: string = 'CliInputError';
  declare readonly code: 'input';

  constructor(message: string) {
    super({ code: 'input', message });
  }
}

/**
 * A command stopped by Ctrl-C (SIGINT) or SIGTERM after saving what it had: exit code 130
 * (128 + SIGINT, what a shell reports for Ctrl-C).
 */
export class InterruptedError extends CtFractureError {
  static override readonly errorName: string = 'InterruptedError';
  declare readonly code: 'interrupted';

  constructor(message: string) {
    super({ code: 'interrupted', message });
  }
}

/**
 * Exit codes of every command: 0 ok, 1 input/data error, 2 usage error, 130 interrupted
 * (Ctrl-C; any ct-fracture error with code `interrupted`).
 */
export const EXIT = { ok: 0, input: 1, usage: 2, interrupted: 130 } as const;
