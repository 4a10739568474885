import { CtFractureError } from '@ct-fracture/core';

/** What went wrong in the network, a checkpoint or a PyTorch import. */
export type DenseNetErrorCode =
  | 'invalid-config'
  | 'invalid-input'
  | 'shape-mismatch'
  | 'missing-weight'
  | 'unexpected-weight'
  | 'checkpoint-format'
  | 'checkpoint-io'
  | 'torch-format'
  | 'torch-truncated'
  | 'unsafe-pickle'
  | 'head-mapping'
  | 'backend';

/**
 * A problem with a DenseNet configuration, input, checkpoint or `.pth` file, with where it
 * is: the `file`, the weight `key` and the offending `value` when they apply.
 * @example
 * if (DenseNetError.isInstance(error) && error.code === 'unsafe-pickle') console.error(error.value);
 */
export class DenseNetError extends CtFractureError {
  static override readonly errorName: string = 'DenseNetError';
  declare readonly code: DenseNetErrorCode;
  /** The file at fault (checkpoint folder file, `.pth`), if any. */
  readonly file: string | undefined;
  /** The state_dict / weight key at fault, if any. */
  readonly key: string | undefined;
  /** The offending value (a shape, a global name, a flag), if any. */
  readonly value: string | undefined;

  constructor(options: {
    code: DenseNetErrorCode;
    message: string;
    file?: string;
    key?: string;
    value?: string;
    cause?: unknown;
  }) {
    super({
      code: options.code,
      message: options.file === undefined ? options.message : `${options.file}: ${options.message}`,
      cause: options.cause,
    });
    this.file = options.file;
    this.key = options.key;
    this.value = options.value;
  }
}
