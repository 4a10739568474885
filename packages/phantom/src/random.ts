/** A seeded source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * A small, fast, seeded generator (mulberry32): the same seed gives the same
 * sequence on every machine, which is what makes phantoms reproducible.
 * @param seed - any integer; only its low 32 bits are used.
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
