import { CtFractureError } from './ct-fracture-error';

/** What went wrong while reading or writing a NIfTI file. */
export type NiftiErrorCode =
  | 'truncated-header'
  | 'truncated-data'
  | 'bad-magic'
  | 'corrupt-gzip'
  | 'vox-offset-past-end'
  | 'dims-inconsistent'
  | 'unsupported-datatype'
  | 'invalid-header'
  | 'io';

/** A NIfTI file that cannot be read or written; `file` names it when known. */
export class NiftiError extends CtFractureError {
  declare readonly code: NiftiErrorCode;
  readonly file: string | undefined;

  constructor(options: { code: NiftiErrorCode; message: string; file?: string; cause?: unknown }) {
    const where = options.file === undefined ? '' : `${options.file}: `;
    super({
      name: 'NiftiError',
      code: options.code,
      message: `${where}${options.message}`,
      cause: options.cause,
    });
    this.file = options.file;
  }
}
