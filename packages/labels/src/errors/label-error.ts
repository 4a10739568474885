import { CtFractureError } from './ct-fracture-error';

/** What is wrong with a label CSV, a task specification or a scan ↔ row match. */
export type LabelErrorCode =
  | 'missing-columns'
  | 'unknown-value'
  | 'duplicate-patient'
  | 'unmatched-scan'
  | 'unmatched-row'
  | 'invalid-spec'
  | 'csv-syntax'
  | 'io';

/**
 * A problem in label data, with where it is: `file`, 1-based CSV `line`, `column`
 * and the offending `value` when they apply.
 */
export class LabelError extends CtFractureError {
  declare readonly code: LabelErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: string | undefined;
  readonly value: string | undefined;

  constructor(options: {
    code: LabelErrorCode;
    message: string;
    file?: string;
    line?: number;
    column?: string;
    value?: string;
    cause?: unknown;
  }) {
    const where = [options.file, options.line === undefined ? undefined : `line ${options.line}`]
      .filter((part) => part !== undefined)
      .join(':');
    super({
      name: 'LabelError',
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
