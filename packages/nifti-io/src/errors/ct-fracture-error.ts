const MARKER = Symbol.for('ct-fracture.error');

/**
 * The base of every error the ct-fracture packages throw.
 *
 * Errors are recognised by a `Symbol.for` marker rather than by `instanceof`, so
 * `CtFractureError.isInstance` works across package copies, bundles and realms.
 * (`labels` and `nifti-io` depend on no internal package, so each carries this
 * small class; the marker makes the copies one error family.)
 * @example
 * ```ts
 * try { await readNifti(path); }
 * catch (error) { if (CtFractureError.isInstance(error)) console.error(error.code, error.message); }
 * ```
 */
export class CtFractureError extends Error {
  /** A stable, machine-readable code; subclasses narrow it to a union. */
  readonly code: string;

  constructor(options: { name: string; code: string; message: string; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = options.name;
    this.code = options.code;
    Object.defineProperty(this, MARKER, { value: true, enumerable: false });
  }

  /** True for any ct-fracture error, whichever package copy threw it. */
  static isInstance(error: unknown): error is CtFractureError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as { [MARKER]?: unknown })[MARKER] === true
    );
  }
}
