import { SeededRandom } from '@ct-fracture/core';
import { describe, expect, it } from 'vitest';
import { PhantomError } from '../errors/phantom-error';

import type { CaseDesign } from './case-labels';
import { DEFAULT_CLASS_FREQUENCIES, resolveClassFrequencies } from './class-frequencies';
import { designCases } from './design-cases';

const designs = designCases(2000, DEFAULT_CLASS_FREQUENCIES, new SeededRandom(3, 'mulberry32'));

function share(predicate: (design: CaseDesign) => boolean): number {
  return designs.filter(predicate).length / designs.length;
}

describe('designCases', () => {
  it('is deterministic for a seed', () => {
    expect(designCases(50, DEFAULT_CLASS_FREQUENCIES, new SeededRandom(8, 'mulberry32'))).toEqual(
      designCases(50, DEFAULT_CLASS_FREQUENCIES, new SeededRandom(8, 'mulberry32')),
    );
  });

  it.each<[string, (d: CaseDesign) => boolean]>([
    [
      '1-part has no translation, varus, GT or articular fragment',
      (d) =>
        d.labels.fractureParts !== '1-part' ||
        (d.labels.shaftTranslation === 'none' &&
          !d.labels.varus &&
          !d.greaterTuberosityFragment &&
          d.labels.articular === 'none-rim'),
    ],
    [
      '2-part keeps the GT attached and the articular surface whole',
      (d) =>
        d.labels.fractureParts !== '2-part' ||
        (!d.greaterTuberosityFragment && d.labels.articular === 'none-rim'),
    ],
    [
      'multipart has a GT fragment or an articular fragment',
      (d) =>
        d.labels.fractureParts !== 'multipart' ||
        d.greaterTuberosityFragment ||
        d.labels.articular !== 'none-rim',
    ],
    [
      'GT displacement needs a GT fragment',
      (d) => !d.labels.gtDisplacement || d.greaterTuberosityFragment,
    ],
    [
      'a head split implies multipart',
      (d) => d.labels.articular !== 'headsplit' || d.labels.fractureParts === 'multipart',
    ],
    [
      'only 1-part cases carry an undisplaced crack',
      (d) => !d.undisplacedCrack || d.labels.fractureParts === '1-part',
    ],
  ])('consistency: %s', (_rule, holds) => {
    expect(designs.filter((d) => !holds(d))).toEqual([]);
  });

  it.each<[string, (d: CaseDesign) => boolean, number]>([
    ['1-part', (d) => d.labels.fractureParts === '1-part', 0.2],
    ['2-part', (d) => d.labels.fractureParts === '2-part', 0.3],
    ['multipart', (d) => d.labels.fractureParts === 'multipart', 0.5],
    ['dislocation', (d) => d.labels.dislocation, 0.3],
    ['varus', (d) => d.labels.varus, 0.8 * 0.5],
    ['head split', (d) => d.labels.articular === 'headsplit', 0.5 * 0.4],
    ['complete translation', (d) => d.labels.shaftTranslation === 'complete', 0.8 * 0.33],
  ])('class frequency of %s ≈ %f (stratified draws)', (_name, predicate, expected) => {
    expect(Math.abs(share(predicate) - expected)).toBeLessThan(0.01);
  });

  it('honours custom frequencies and rejects impossible ones', () => {
    const all = designCases(
      100,
      resolveClassFrequencies({ dislocation: 1 }),
      new SeededRandom(1, 'mulberry32'),
    );
    expect(all.every((d) => d.labels.dislocation)).toBe(true);
    expect(() => resolveClassFrequencies({ varusGivenFracture: -0.1 })).toThrow(PhantomError);
    expect(() =>
      resolveClassFrequencies({ fractureParts: { '1-part': 0, '2-part': 0, multipart: 0 } }),
    ).toThrow(/weights must sum to a positive number/);
  });
});
