import { mix32 } from './algorithms';

/**
 * A 32-bit seed for a named stream: FNV-1a over the name's UTF-16 code units, starting from
 * the offset basis mixed with `seed`. Each weight of a network (`seedFromName(seed,
 * 'features.conv0.weight')`) or each task's bootstrap draws its own stream, which does not
 * depend on the other names.
 * @param seed - the parent seed (its low 32 bits).
 * @param name - the stream's name.
 * @example
 * ```ts
 * seedFromName(0, 'varus') === seedFromName(0, 'varus'); // true
 * ```
 */
export function seedFromName(seed: number, name: string): number {
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let index = 0; index < name.length; index += 1) {
    hash ^= name.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * A 32-bit seed for a stream identified by a path of integers (case index, stream number, …):
 * murmur3's block mix over the parts and its finaliser, so independent streams (a phantom's
 * labels, anatomy and noise) never depend on how many numbers another consumed.
 * @param seed - the parent seed (its low 32 bits).
 * @param path - integers (their low 32 bits) identifying the stream.
 * @example
 * ```ts
 * const noiseSeed = seedFromPath(7, 12, 3); // case 12, stream 3 of dataset seed 7
 * ```
 */
export function seedFromPath(seed: number, ...path: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const part of path) {
    let k = Math.imul(part >>> 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  return mix32(h);
}
