import { CtFractureError } from '@ct-fracture/core';

/** What went wrong while generating or writing phantoms. */
export type PhantomErrorCode = 'invalid-option' | 'generation-failed' | 'output-exists' | 'io';

/**
 * A phantom option, generation or output problem, with where it is: the
 * option (`option`) or file (`file`) at fault and the offending `value`.
 */
export class PhantomError extends CtFractureError {
  static override readonly errorName: string = 'PhantomError';
  declare readonly code: PhantomErrorCode;
  readonly option: string | undefined;
  readonly file: string | undefined;
  readonly value: string | undefined;

  constructor(options: {
    code: PhantomErrorCode;
    message: string;
    option?: string;
    file?: string;
    value?: string;
    cause?: unknown;
  }) {
    const where =
      options.file ?? (options.option === undefined ? undefined : `option ${options.option}`);
    super({
      code: options.code,
      message: where === undefined ? options.message : `${where}: ${options.message}`,
      cause: options.cause,
    });
    this.option = options.option;
    this.file = options.file;
    this.value = options.value;
  }
}
