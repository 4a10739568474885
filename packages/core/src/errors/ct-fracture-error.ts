const BASE_MARKER = 'ct-fracture.error';

/**
 * The `Symbol.for` key that marks instances of the error class named `errorName`
 * (`ct-fracture.error` for the base, `ct-fracture.error.<Name>` for a subclass).
 * @param errorName - a class's `static errorName`.
 */
export function errorMarker(errorName: string): symbol {
  return Symbol.for(
    errorName === CtFractureError.errorName ? BASE_MARKER : `${BASE_MARKER}.${errorName}`,
  );
}

/** Constructor options shared by every ct-fracture error. */
export interface CtFractureErrorOptions {
  /** A stable, machine-readable code; subclasses narrow it to a union. */
  code: string;
  /** What must be, what we got, and where. */
  message: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** An error class of the family: anything with a `static errorName` that builds a `CtFractureError`. */
export type CtFractureErrorClass<T extends CtFractureError = CtFractureError> = (abstract new (
  // biome-ignore lint/suspicious/noExplicitAny: constructor parameters differ per subclass
  ...args: any[]
) => T) & { readonly errorName: string };

/**
 * The base of every error the ct-fracture packages throw.
 *
 * Each class in the family declares its own `static override readonly errorName: string`; a constructed error carries one
 * `Symbol.for` marker per class in its chain (`ct-fracture.error` for this base,
 * `ct-fracture.error.<Name>` for each subclass). `Class.isInstance(error)` checks its own marker,
 * so it is exact — `DenseNetError.isInstance(new NiftiError(…))` is false — and it works across
 * package copies, bundles (ESM and CJS) and realms, where `instanceof` does not.
 *
 * @throws TypeError when a subclass does not declare its own `static errorName` (a programming
 * error: its `isInstance` could not be exact).
 * @example
 * ```ts
 * class ScanError extends CtFractureError {
 *   static override readonly errorName: string = 'ScanError';
 * }
 * const error = new ScanError({ code: 'io', message: 'scan.nii: the file must exist' });
 * ScanError.isInstance(error); // true
 * CtFractureError.isInstance(error); // true
 * ```
 */
export class CtFractureError extends Error {
  /** The class's name: the error's `name` and the key of its marker. Every subclass sets its own. */
  static readonly errorName: string = 'CtFractureError';

  /** A stable, machine-readable code; subclasses narrow it to a union. */
  readonly code: string;

  constructor(options: CtFractureErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    const own = new.target as unknown as CtFractureErrorClass;
    this.name = own.errorName;
    this.code = options.code;
    let current: unknown = own;
    while (typeof current === 'function' && current !== Error) {
      if (!Object.hasOwn(current, 'errorName')) {
        throw new TypeError(
          `${(current as { name: string }).name} must declare its own static errorName (it extends CtFractureError)`,
        );
      }
      const marker = errorMarker((current as CtFractureErrorClass).errorName);
      Object.defineProperty(this, marker, { value: true, enumerable: false });
      current = Object.getPrototypeOf(current);
    }
  }

  /**
   * True when `error` was constructed by this class or one of its subclasses — whichever package
   * copy or bundle threw it.
   * @param error - anything caught.
   */
  static isInstance<T extends CtFractureError>(
    this: CtFractureErrorClass<T>,
    error: unknown,
  ): error is T {
    if (typeof error !== 'object' || error === null) return false;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass isInstance was called on
    return (error as Record<symbol, unknown>)[errorMarker(this.errorName)] === true;
  }
}
