import { LabelError } from '../errors/label-error';

/** A seeded source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same
 * sequence on every machine.
 *
 * @param seed - any safe integer (taken modulo 2^32).
 * @throws LabelError `invalid-option` when the seed is not a safe integer.
 * @example
 * const random = seededRandom(42);
 * random(); // the same number in [0, 1) on every machine
 */
export function seededRandom(seed: number): RandomSource {
  if (!Number.isSafeInteger(seed)) {
    throw new LabelError({
      code: 'invalid-option',
      value: String(seed),
      message: `a seed must be an integer, got ${seed}`,
    });
  }
  let state = Number(BigInt.asUintN(32, BigInt(seed)));
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniformly shuffled copy of `items` (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: RandomSource): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
