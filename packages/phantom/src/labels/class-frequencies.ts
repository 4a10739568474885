import { PhantomError } from '../errors/phantom-error';
import type { ArticularInvolvement, FractureParts, ShaftTranslation } from './case-labels';

/**
 * How often each class is drawn. Conditional entries apply only where the
 * anatomy allows them (a 1-part case has no translation, varus or articular
 * fragment), which keeps every label anatomically consistent. Weights need
 * not sum to 1; probabilities are in [0, 1].
 */
export interface ClassFrequencies {
  fractureParts: Record<FractureParts, number>;
  /** P(dislocation), any part count. */
  dislocation: number;
  /** Articular involvement of multipart cases (1- and 2-part are none-rim). */
  articularGivenMultipart: Record<ArticularInvolvement, number>;
  /** P(separate greater-tuberosity fragment) in a multipart case that already has an articular fragment. */
  greaterTuberosityFragmentGivenArticularFragment: number;
  /** P(GT displacement ≥ 10 mm) when the GT is a separate fragment. */
  gtDisplacedGivenFragment: number;
  /** Shaft translation of 2-part and multipart cases. */
  shaftTranslationGivenFracture: Record<ShaftTranslation, number>;
  /** P(varus) for 2-part and multipart cases. */
  varusGivenFracture: number;
  /** P(hairline, undisplaced surgical-neck crack) in a 1-part case. */
  undisplacedCrackGivenOnePart: number;
}

/**
 * The default frequencies: a surgical CT series skewed towards balance so a
 * small network sees every class often enough (marginals ≈ parts 20/30/50 %,
 * dislocation 30 %, GT ≥ 1 cm 32 %, translation 47/26/26 %, varus 40 %,
 * articular 60/20/20 %).
 */
export const DEFAULT_CLASS_FREQUENCIES: ClassFrequencies = {
  fractureParts: { '1-part': 0.2, '2-part': 0.3, multipart: 0.5 },
  dislocation: 0.3,
  articularGivenMultipart: { 'none-rim': 0.2, subcritical: 0.4, headsplit: 0.4 },
  greaterTuberosityFragmentGivenArticularFragment: 0.75,
  gtDisplacedGivenFragment: 0.8,
  shaftTranslationGivenFracture: { none: 0.34, substantial: 0.33, complete: 0.33 },
  varusGivenFracture: 0.5,
  undisplacedCrackGivenOnePart: 0.3,
};

function checkProbability(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) {
    throw new PhantomError({
      code: 'invalid-option',
      option: `frequencies.${name}`,
      value: String(value),
      message: `must be a probability in [0, 1], got ${value}`,
    });
  }
}

function checkWeights(name: string, weights: Record<string, number>): void {
  let total = 0;
  for (const [key, value] of Object.entries(weights)) {
    if (!(value >= 0 && Number.isFinite(value))) {
      throw new PhantomError({
        code: 'invalid-option',
        option: `frequencies.${name}.${key}`,
        value: String(value),
        message: `must be a finite weight ≥ 0, got ${value}`,
      });
    }
    total += value;
  }
  if (!(total > 0)) {
    throw new PhantomError({
      code: 'invalid-option',
      option: `frequencies.${name}`,
      value: String(total),
      message: `weights must sum to a positive number, got ${total}`,
    });
  }
}

/**
 * Merges partial frequencies over {@link DEFAULT_CLASS_FREQUENCIES} and checks them.
 * @throws {PhantomError} (`invalid-option`) naming the entry that is not a probability or weight.
 * @example
 * resolveClassFrequencies({ dislocation: 0.5 }).dislocation; // 0.5
 */
export function resolveClassFrequencies(partial: Partial<ClassFrequencies> = {}): ClassFrequencies {
  const merged: ClassFrequencies = {
    ...DEFAULT_CLASS_FREQUENCIES,
    ...partial,
    fractureParts: { ...DEFAULT_CLASS_FREQUENCIES.fractureParts, ...partial.fractureParts },
    articularGivenMultipart: {
      ...DEFAULT_CLASS_FREQUENCIES.articularGivenMultipart,
      ...partial.articularGivenMultipart,
    },
    shaftTranslationGivenFracture: {
      ...DEFAULT_CLASS_FREQUENCIES.shaftTranslationGivenFracture,
      ...partial.shaftTranslationGivenFracture,
    },
  };
  checkWeights('fractureParts', merged.fractureParts);
  checkWeights('articularGivenMultipart', merged.articularGivenMultipart);
  checkWeights('shaftTranslationGivenFracture', merged.shaftTranslationGivenFracture);
  checkProbability('dislocation', merged.dislocation);
  checkProbability(
    'greaterTuberosityFragmentGivenArticularFragment',
    merged.greaterTuberosityFragmentGivenArticularFragment,
  );
  checkProbability('gtDisplacedGivenFragment', merged.gtDisplacedGivenFragment);
  checkProbability('varusGivenFracture', merged.varusGivenFracture);
  checkProbability('undisplacedCrackGivenOnePart', merged.undisplacedCrackGivenOnePart);
  return merged;
}
