import type { SeededRandom } from '@ct-fracture/core';
import { pickWeighted, stratifiedUniforms } from '../random';
import type { CaseDesign } from './case-labels';
import type { ClassFrequencies } from './class-frequencies';

const DRAWS = [
  'parts',
  'dislocation',
  'articular',
  'gtFragment',
  'gtDisplaced',
  'translation',
  'varus',
  'crack',
] as const;

/**
 * Draws `count` anatomically consistent label sets. Each decision uses its own
 * stratified, shuffled uniforms, so class counts in a split stay within about
 * one case of `frequencies` (a 16-case test split still sees every common class).
 *
 * Consistency: 1-part → no translation/varus/GT/articular fragment;
 * 2-part → GT attached, articular none-rim; multipart → a GT fragment and/or
 * an articular fragment (subcritical rim piece or head split).
 * @param random - the split's label stream.
 * @example
 * designCases(16, DEFAULT_CLASS_FREQUENCIES, new SeededRandom(1, 'mulberry32')).length; // 16
 */
export function designCases(
  count: number,
  frequencies: ClassFrequencies,
  random: SeededRandom,
): CaseDesign[] {
  const u = Object.fromEntries(
    DRAWS.map((name) => [name, stratifiedUniforms(random, count)]),
  ) as Record<(typeof DRAWS)[number], number[]>;
  const designs: CaseDesign[] = [];
  for (let i = 0; i < count; i++) {
    const fractureParts = pickWeighted(u.parts[i]!, frequencies.fractureParts);
    const dislocation = u.dislocation[i]! < frequencies.dislocation;
    const fractured = fractureParts !== '1-part';
    const articular =
      fractureParts === 'multipart'
        ? pickWeighted(u.articular[i]!, frequencies.articularGivenMultipart)
        : 'none-rim';
    const greaterTuberosityFragment =
      fractureParts === 'multipart' &&
      (articular === 'none-rim' ||
        u.gtFragment[i]! < frequencies.greaterTuberosityFragmentGivenArticularFragment);
    designs.push({
      labels: {
        fractureParts,
        dislocation,
        gtDisplacement:
          greaterTuberosityFragment && u.gtDisplaced[i]! < frequencies.gtDisplacedGivenFragment,
        shaftTranslation: fractured
          ? pickWeighted(u.translation[i]!, frequencies.shaftTranslationGivenFracture)
          : 'none',
        varus: fractured && u.varus[i]! < frequencies.varusGivenFracture,
        articular,
      },
      greaterTuberosityFragment,
      undisplacedCrack: !fractured && u.crack[i]! < frequencies.undisplacedCrackGivenOnePart,
    });
  }
  return designs;
}
