import { PhantomError } from './errors/phantom-error';

/** A seeded source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * A small, fast, seeded generator (mulberry32): the same seed gives the same
 * sequence on every machine, which is what makes phantoms reproducible.
 * @param seed - any integer; only its low 32 bits are used.
 * @example
 * const random = createRandom(42);
 * random(); // the same number on every machine
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit seed derived from a seed and a path of integers (case index,
 * stream name hash, …) by a murmur3-style mix, so that independent streams
 * (labels, anatomy, noise) never depend on how many numbers another consumed.
 * @param seed - the parent seed.
 * @param path - integers identifying the stream.
 * @example
 * const noiseSeed = deriveSeed(7, 12, 3); // case 12, stream 3 of dataset seed 7
 */
export function deriveSeed(seed: number, ...path: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const part of path) {
    let k = Math.imul(part >>> 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A uniform number in [low, high).
 * @example
 * uniform(createRandom(1), 20, 27); // a head radius in mm
 */
export function uniform(random: Random, low: number, high: number): number {
  return low + (high - low) * random();
}

/**
 * A standard normal number (Box–Muller; uses two uniforms).
 * @example
 * const noiseHu = 20 * gaussian(createRandom(3));
 */
export function gaussian(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Fisher–Yates shuffle in place, driven by `random`.
 * @returns the same array.
 * @example
 * shuffleInPlace(createRandom(5), [1, 2, 3]);
 */
export function shuffleInPlace<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const held = items[i]!;
    items[i] = items[j]!;
    items[j] = held;
  }
  return items;
}

/**
 * `count` stratified uniforms in [0, 1): one in each of `count` equal strata,
 * in shuffled order. Drawing a category from them gives class counts within
 * one of the expected count, which keeps small splits balanced.
 * @example
 * stratifiedUniforms(createRandom(2), 4); // one number in each quarter, shuffled
 */
export function stratifiedUniforms(random: Random, count: number): number[] {
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push((i + random()) / count);
  return shuffleInPlace(random, values);
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
