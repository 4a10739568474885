import { CtFractureError } from '@ct-fracture/core';

/** What went wrong in the oneDNN backend. */
export type OneDnnErrorCode =
  /** The native addon could not be loaded (not built, oneDNN missing, wrong platform). */
  | 'addon-unavailable'
  /** An argument is out of range (a thread count, a cache capacity). */
  | 'invalid-option'
  /** A native kernel failed (oneDNN rejected a shape, memory ran out). */
  | 'kernel-failed'
  /** A custom kernel's inputs are outside what it accepts (dtype, shapes). */
  | 'invalid-input';

/**
 * An error of `@ct-fracture/tfjs-backend-onednn`.
 * @example
 * try { setOneDnnThreads(0); } catch (e) { if (OneDnnError.isInstance(e)) console.log(e.code); }
 */
export class OneDnnError extends CtFractureError {
  static override readonly errorName: string = 'OneDnnError';
  declare readonly code: OneDnnErrorCode;
  /** The kernel or option at fault, e.g. `Conv3D` or `threads`. */
  readonly where: string | undefined;
  /** The offending value, when there is one. */
  readonly value: unknown;

  constructor(options: {
    code: OneDnnErrorCode;
    message: string;
    where?: string;
    value?: unknown;
    cause?: unknown;
  }) {
    super({
      code: options.code,
      message: options.message,
      cause: options.cause,
    });
    this.where = options.where;
    this.value = options.value;
  }
}
