import { CtFractureError } from './ct-fracture-error';

/** Why a lock could not be taken: another live process holds it, or the file system refused. */
export type FileLockErrorCode = 'locked' | 'lock-io';

/**
 * A lock file (`@ct-fracture/core/node`'s `acquireLock`) that could not be taken: `locked` when
 * another process holds it (its PID, host and start are in the message and in `holder`),
 * `lock-io` when the folder cannot be written (read-only, missing, full).
 */
export class FileLockError extends CtFractureError {
  static override readonly errorName: string = 'FileLockError';
  declare readonly code: FileLockErrorCode;
  /** The lock file. */
  readonly file: string;
  /** Who holds it, as recorded in the lock file (null when unreadable or not `locked`). */
  readonly holder: { pid: number; hostname: string; acquiredAt: string; purpose: string } | null;

  constructor(options: {
    code: FileLockErrorCode;
    file: string;
    message: string;
    holder?: FileLockError['holder'];
    cause?: unknown;
  }) {
    super({
      code: options.code,
      message: `${options.file}: ${options.message}`,
      cause: options.cause,
    });
    this.file = options.file;
    this.holder = options.holder ?? null;
  }
}
