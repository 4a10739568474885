import { CtFractureError } from '@ct-fracture/core';

/** What went wrong while configuring, preparing data for, running or resuming training. */
export type TrainerErrorCode =
  | 'invalid-config'
  | 'config-io'
  | 'unreadable-scan'
  | 'data'
  | 'cache'
  | 'non-finite-loss'
  | 'checkpoint-io'
  | 'resume'
  | 'interrupted'
  | 'worker';

/**
 * A training problem, with where it is: the `file` (config, scan, checkpoint), the config
 * `field` (dotted path such as `optimizer.lr`), a 1-based `line`/`column` in a config file, and the
 * offending `value` when they apply.
 */
export class TrainerError extends CtFractureError {
  static override readonly errorName: string = 'TrainerError';
  declare readonly code: TrainerErrorCode;
  readonly file: string | undefined;
  readonly field: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly value: string | undefined;
  /** Every problem, when the error reports several at once (the message lists them too). */
  readonly problems: readonly string[] | undefined;

  constructor(options: {
    code: TrainerErrorCode;
    message: string;
    file?: string;
    field?: string;
    line?: number;
    column?: number;
    value?: string;
    problems?: readonly string[];
    cause?: unknown;
  }) {
    const position =
      options.line === undefined
        ? undefined
        : `${options.line}${options.column === undefined ? '' : `:${options.column}`}`;
    const where = [options.file, position].filter((part) => part !== undefined).join(':');
    super({
      code: options.code,
      message: where === '' ? options.message : `${where}: ${options.message}`,
      cause: options.cause,
    });
    this.file = options.file;
    this.field = options.field;
    this.line = options.line;
    this.column = options.column;
    this.value = options.value;
    this.problems = options.problems;
  }
}
