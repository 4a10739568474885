import { SeededRandom } from '@ct-fracture/core';
import { LabelError } from '../errors/label-error';

/**
 * The generator of the seeded splits: `@ct-fracture/core`'s `SeededRandom` on `mulberry32`, the
 * stream splits have always drawn from (the same seed gives the same split in every release).
 * @param seed - any safe integer (its low 32 bits are used).
 * @throws LabelError `invalid-option` when the seed is not a safe integer.
 */
export function splitRandom(seed: number): SeededRandom {
  if (!Number.isSafeInteger(seed)) {
    throw new LabelError({
      code: 'invalid-option',
      value: String(seed),
      message: `a seed must be an integer, got ${seed}`,
    });
  }
  return new SeededRandom(seed, 'mulberry32');
}
