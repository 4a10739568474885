import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { publishedPackages } from './workspace';

// Every error class the published packages export, from their built ESM and CJS entries: each
// `isInstance` must be exact — true for its own class and subclasses, false for every other class,
// whichever bundle (ESM or CJS, another copy) threw the error.

/** Error classes as the packages export them: a constructor with a `static errorName`. */
type ErrorClass = (new (
  ...args: never[]
) => Error) & {
  errorName: string;
  isInstance(error: unknown): boolean;
};

/** How to build an instance of each error class (their constructors differ). */
const FACTORIES: Record<string, (Class: ErrorClass) => Error> = {
  CtFractureError: (Class) =>
    new (Class as never as new (o: object) => Error)({ code: 'x', message: 'm' }),
  DicomError: (Class) =>
    new (Class as never as new (o: object) => Error)({ code: 'io', message: 'm' }),
  NiftiError: (Class) =>
    new (Class as never as new (o: object) => Error)({ code: 'io', message: 'm' }),
  LabelError: (Class) =>
    new (Class as never as new (o: object) => Error)({ code: 'invalid-option', message: 'm' }),
  DenseNetError: (Class) =>
    new (Class as never as new (o: object) => Error)({ code: 'invalid-input', message: 'm' }),
  TrainerError: (Class) =>
    new (Class as never as new (o: object) => Error)({ code: 'data', message: 'm' }),
  EvaluationError: (Class) =>
    new (Class as never as new (o: object) => Error)({ code: 'io', message: 'm' }),
  PhantomError: (Class) =>
    new (Class as never as new (o: object) => Error)({ code: 'io', message: 'm' }),
  OneDnnError: (Class) =>
    new (Class as never as new (o: object) => Error)({ code: 'invalid-option', message: 'm' }),
  CvError: (Class) =>
    new (Class as never as new (o: object) => Error)({ code: 'invalid-option', message: 'm' }),
  FileLockError: (Class) =>
    new (Class as never as new (o: object) => Error)({ code: 'locked', file: 'f', message: 'm' }),
  UsageError: (Class) => new (Class as never as new (m: string) => Error)('m'),
  CliInputError: (Class) => new (Class as never as new (m: string) => Error)('m'),
};

function isErrorClass(value: unknown): value is ErrorClass {
  return (
    typeof value === 'function' &&
    Object.hasOwn(value, 'errorName') &&
    typeof (value as { isInstance?: unknown }).isInstance === 'function'
  );
}

interface Found {
  name: string;
  esm: ErrorClass;
  cjs: ErrorClass;
}

/** Every error class exported by an entry of a published package, ESM and CJS side by side. */
async function exportedErrorClasses(): Promise<Found[]> {
  const found = new Map<string, Found>();
  for (const pkg of publishedPackages()) {
    const require = createRequire(`${pkg.dir}/package.json`);
    const manifest = require('./package.json') as { exports: Record<string, unknown> };
    for (const entry of Object.keys(manifest.exports)) {
      if (entry === './package.json') continue;
      // The onednn entry registers a backend on import; its /base entry has the same exports.
      if (pkg.name === '@ct-fracture/tfjs-backend-onednn' && entry === '.') continue;
      const specifier = entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`;
      const esm = (await import(specifier)) as Record<string, unknown>;
      const cjs = require(specifier) as Record<string, unknown>;
      for (const [name, value] of Object.entries(esm)) {
        if (!isErrorClass(value) || found.has(value.errorName)) continue;
        const twin = cjs[name];
        if (!isErrorClass(twin))
          throw new Error(`${specifier}: ${name} is missing from the CJS build`);
        found.set(value.errorName, { name: value.errorName, esm: value, cjs: twin });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const classes = await exportedErrorClasses();

describe('error classes of the published packages', () => {
  it('are all known to this test (add a factory for a new class)', () => {
    expect(classes.map((found) => found.name)).toEqual(Object.keys(FACTORIES).sort());
  });

  const cases = classes.flatMap((instanceOf) =>
    classes.flatMap((checkedBy) =>
      (['esm', 'cjs'] as const).flatMap((thrownBy) =>
        (['esm', 'cjs'] as const).map((checkedIn) => ({
          instanceOf,
          checkedBy,
          thrownBy,
          checkedIn,
        })),
      ),
    ),
  );

  it.each(cases)(
    '$checkedBy.name ($checkedIn).isInstance(new $instanceOf.name ($thrownBy))',
    ({ instanceOf, checkedBy, thrownBy, checkedIn }) => {
      const error = FACTORIES[instanceOf.name]!(instanceOf[thrownBy]);
      const expected = checkedBy.name === instanceOf.name || checkedBy.name === 'CtFractureError';
      expect(checkedBy[checkedIn].isInstance(error)).toBe(expected);
    },
  );
});
