/** A command-line usage problem (bad flag, missing argument): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const MARKER = Symbol.for('ct-fracture.error');

/**
 * An input or data problem found by the CLI itself (a missing run folder, a bad data
 * layout): exit code 1, like the packages' ct-fracture errors (it carries their marker).
 */
export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliInputError';
    Object.defineProperty(this, MARKER, { value: true, enumerable: false });
  }
}

/** Exit codes of every command: 0 ok, 1 input/data error, 2 usage error. */
export const EXIT = { ok: 0, input: 1, usage: 2 } as const;
