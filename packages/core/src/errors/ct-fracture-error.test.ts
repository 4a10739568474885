import { describe, expect, it } from 'vitest';
import { CtFractureError, errorMarker } from './ct-fracture-error';

class AlphaError extends CtFractureError {
  static override readonly errorName: string = 'AlphaError';
}
class BetaError extends CtFractureError {
  static override readonly errorName: string = 'BetaError';
}
class AlphaChildError extends AlphaError {
  static override readonly errorName: string = 'AlphaChildError';
}
class ForgetfulError extends AlphaError {}

const make = {
  base: () => new CtFractureError({ code: 'x', message: 'm' }),
  alpha: () => new AlphaError({ code: 'x', message: 'm' }),
  beta: () => new BetaError({ code: 'x', message: 'm' }),
  alphaChild: () => new AlphaChildError({ code: 'x', message: 'm' }),
};
const classes = {
  base: CtFractureError,
  alpha: AlphaError,
  beta: BetaError,
  alphaChild: AlphaChildError,
};
// expected[instance][class]
const expected: Record<keyof typeof make, Record<keyof typeof classes, boolean>> = {
  base: { base: true, alpha: false, beta: false, alphaChild: false },
  alpha: { base: true, alpha: true, beta: false, alphaChild: false },
  beta: { base: true, alpha: false, beta: true, alphaChild: false },
  alphaChild: { base: true, alpha: true, beta: false, alphaChild: true },
};

describe('CtFractureError.isInstance', () => {
  for (const [instanceName, build] of Object.entries(make)) {
    for (const [className, errorClass] of Object.entries(classes)) {
      const want = expected[instanceName as keyof typeof make][className as keyof typeof classes];
      it(`${className}.isInstance(${instanceName}) is ${want}`, () => {
        expect(errorClass.isInstance(build())).toBe(want);
      });
    }
  }

  it('recognises an error marked by another copy of the class (another bundle)', () => {
    const foreign = new Error('from another bundle');
    Object.defineProperty(foreign, Symbol.for('ct-fracture.error'), { value: true });
    Object.defineProperty(foreign, Symbol.for('ct-fracture.error.AlphaError'), { value: true });
    expect(AlphaError.isInstance(foreign)).toBe(true);
    expect(CtFractureError.isInstance(foreign)).toBe(true);
    expect(BetaError.isInstance(foreign)).toBe(false);
  });

  it.each([null, undefined, 'AlphaError', 42, new Error('plain')])('is false for %s', (value) => {
    expect(CtFractureError.isInstance(value)).toBe(false);
  });

  it('sets name, code, message and cause', () => {
    const cause = new Error('inner');
    const error = new AlphaError({ code: 'io', message: 'scan.nii: must exist', cause });
    expect(error.name).toBe('AlphaError');
    expect(error.code).toBe('io');
    expect(error.message).toBe('scan.nii: must exist');
    expect(error.cause).toBe(cause);
    expect(error).toBeInstanceOf(Error);
  });

  it('refuses a subclass without its own errorName', () => {
    expect(() => new ForgetfulError({ code: 'x', message: 'm' })).toThrow(
      /ForgetfulError must declare its own static errorName/,
    );
  });

  it('keeps the base marker key of earlier releases', () => {
    expect(errorMarker('CtFractureError')).toBe(Symbol.for('ct-fracture.error'));
    expect(errorMarker('AlphaError')).toBe(Symbol.for('ct-fracture.error.AlphaError'));
  });
});
