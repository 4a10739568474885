import { SeededRandom, seedFromPath } from '@ct-fracture/core';
import { PhantomError } from './errors/phantom-error';

/**
 * The generator of one phantom stream: `@ct-fracture/core`'s `SeededRandom` on `mulberry32`
 * seeded by `seedFromPath(seed, ...path)` (case index, stream number, …), so independent streams
 * (labels, anatomy, noise) never depend on how many numbers another consumed, and a dataset
 * seed gives the same phantoms in every release.
 * @param seed - the parent seed.
 * @param path - integers identifying the stream.
 * @example
 * const noise = streamRandom(7, 12, 3); // case 12, stream 3 of dataset seed 7
 */
export function streamRandom(seed: number, ...path: number[]): SeededRandom {
  return new SeededRandom(seedFromPath(seed, ...path), 'mulberry32');
}

/**
 * `count` stratified uniforms in [0, 1): one in each of `count` equal strata,
 * in shuffled order. Drawing a category from them gives class counts within
 * one of the expected count, which keeps small splits balanced.
 * @example
 * stratifiedUniforms(streamRandom(2), 4); // one number in each quarter, shuffled
 */
export function stratifiedUniforms(random: SeededRandom, count: number): number[] {
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push((i + random.next()) / count);
  return random.shuffle(values);
}

/**
 * The key of `weights` that `u` (a uniform in [0, 1)) falls into, by the
 * cumulative normalised weights in the object's key order.
 * @throws {PhantomError} (`invalid-option`) when the weights do not sum to a positive number.
 * @example
 * pickWeighted(0.7, { no: 0.75, yes: 0.25 }); // 'no'
 */
export function pickWeighted<K extends string>(u: number, weights: Readonly<Record<K, number>>): K {
  const keys = Object.keys(weights) as K[];
  let total = 0;
  for (const key of keys) total += weights[key];
  if (!(total > 0)) {
    throw new PhantomError({
      code: 'invalid-option',
      message: `class weights must sum to a positive number, got ${total}`,
      value: String(total),
    });
  }
  let cumulative = 0;
  for (const key of keys) {
    cumulative += weights[key] / total;
    if (u < cumulative) return key;
  }
  return keys[keys.length - 1]!;
}
