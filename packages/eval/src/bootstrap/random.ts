/** A seeded source of uniform numbers in [0, 1). */
export type Random = () => number;

/** xoshiro128** state from a 32-bit seed, through SplitMix32. */
export function seedState(seed: number): Uint32Array {
  let s = seed >>> 0;
  const state = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    state[i] = (z ^ (z >>> 16)) >>> 0;
  }
  return state;
}

/**
 * A seeded xoshiro128** generator (state seeded through SplitMix32): the same seed gives the same
 * sequence on every machine. Uniform in [0, 1) with 32-bit resolution.
 * @param seed - any integer; only its low 32 bits are used.
 * @example
 * ```ts
 * const random = createRandom(42);
 * random(); // the same first number on every run
 * ```
 */
export function createRandom(seed: number): Random {
  const state = seedState(seed);
  return () => {
    const [a, b, c, d] = state as unknown as [number, number, number, number];
    const x = Math.imul(b, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = b << 9;
    const c1 = c ^ a;
    const d1 = d ^ b;
    const b1 = b ^ c1;
    const a1 = a ^ d1;
    state[0] = a1;
    state[1] = b1;
    state[2] = c1 ^ t;
    state[3] = (d1 << 11) | (d1 >>> 21);
    return result / 4294967296;
  };
}

/**
 * A 32-bit seed for a named stream (FNV-1a of the name mixed with `seed`), so that each task's
 * bootstrap draws depend on its own name only, not on which other tasks are evaluated.
 * @example
 * ```ts
 * streamSeed(0, 'varus') === streamSeed(0, 'varus'); // true
 * ```
 */
export function streamSeed(seed: number, name: string): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
