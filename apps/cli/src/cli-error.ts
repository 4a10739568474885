/** A command-line usage problem (bad flag, missing argument): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes of every command: 0 ok, 1 input/data error, 2 usage error. */
export const EXIT = { ok: 0, input: 1, usage: 2 } as const;
