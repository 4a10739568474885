import { CtFractureError } from '@ct-fracture/core';

/** What is wrong with evaluation input: a predictions CSV, a metrics history, arrays or options. */
export type EvaluationErrorCode =
  | 'csv-syntax'
  | 'missing-columns'
  | 'invalid-value'
  | 'invalid-input'
  | 'io';

/**
 * A problem in evaluation input, with where it is: `file`, 1-based `line`, `column`
 * and the offending `value` when they apply. The message says what must be, what we
 * got and where, on one line.
 *
 * @example
 * ```ts
 * try {
 *   parsePredictionsCsv('patient_id\n', { file: 'p.csv' });
 * } catch (error) {
 *   if (EvaluationError.isInstance(error)) console.error(error.message);
 * }
 * ```
 */
export class EvaluationError extends CtFractureError {
  static override readonly errorName: string = 'EvaluationError';
  declare readonly code: EvaluationErrorCode;
  /** The file at fault, when there is one. */
  readonly file: string | undefined;
  /** 1-based line in `file`. */
  readonly line: number | undefined;
  /** The column (CSV header name) or field at fault. */
  readonly column: string | undefined;
  /** The offending value, as read. */
  readonly value: string | undefined;

  constructor(options: {
    code: EvaluationErrorCode;
    message: string;
    file?: string;
    line?: number;
    column?: string;
    value?: string;
    cause?: unknown;
  }) {
    const where = [
      options.file,
      options.line === undefined ? undefined : `line ${options.line}`,
      options.column === undefined ? undefined : `column ${options.column}`,
    ]
      .filter((part) => part !== undefined)
      .join(', ');
    super({
      code: options.code,
      message: where === '' ? options.message : `${where}: ${options.message}`,
      cause: options.cause,
    });
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.value = options.value;
  }
}
