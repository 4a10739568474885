/**
 * The bit generators behind {@link SeededRandom}, by name. Each caller of the packages keeps the
 * stream it has always had (phantom datasets, splits, initial weights and augmentation must
 * not change for a seed), so the one generator carries the four algorithms they use:
 *
 * - `sfc32` (the default): Chris Doty-Humphrey's small fast chaotic generator; seeded from any
 *   list of integers, so `[runSeed, epoch, sample]` gives every sample its own stream (augmentation,
 *   epoch shuffles).
 * - `mulberry32`: Tommy Ettinger's one-word generator (label splits, phantoms).
 * - `splitmix32`: the 32-bit SplitMix (weight initialisation, dropout).
 * - `xoshiro128**`: Blackman and Vigna's generator with its state from four SplitMix32 draws
 *   (bootstrap resampling).
 */
export type RandomAlgorithm = 'sfc32' | 'mulberry32' | 'splitmix32' | 'xoshiro128**';

/** Every algorithm name, in the order of {@link RandomAlgorithm}. */
export const RANDOM_ALGORITHMS: readonly RandomAlgorithm[] = [
  'sfc32',
  'mulberry32',
  'splitmix32',
  'xoshiro128**',
];

/** How one algorithm seeds its state words and steps them. */
export interface BitGenerator {
  /** Number of 32-bit state words. */
  readonly words: number;
  /** Fills `state` from the seed parts (already checked to be safe integers). */
  seed(parts: readonly number[], state: Uint32Array): void;
  /** Advances `state` and returns the next unsigned 32-bit integer. */
  next(state: Uint32Array): number;
}

/** murmur3's finaliser: a bijective avalanche on 32-bit integers. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function sfc32Next(state: Uint32Array): number {
  const a = state[0]!;
  const b = state[1]!;
  const c = state[2]!;
  const d = state[3]!;
  const t = (((a + b) >>> 0) + d) >>> 0;
  state[3] = d + 1;
  state[0] = b ^ (b >>> 9);
  state[1] = c + (c << 3);
  state[2] = (((c << 21) | (c >>> 11)) >>> 0) + t;
  return t;
}

const sfc32: BitGenerator = {
  words: 4,
  seed(parts, state) {
    let h = 0x9e3779b9;
    for (const part of parts) {
      const low = part % 0x100000000;
      const high = Math.floor(part / 0x100000000);
      h = mix32(h ^ mix32(low + 0x6a09e667));
      h = mix32(h ^ mix32(high + 0xbb67ae85));
    }
    state[0] = mix32(h ^ 0x243f6a88);
    state[1] = mix32(h ^ 0x85a308d3);
    state[2] = mix32(h ^ 0x13198a2e);
    state[3] = 1;
    for (let i = 0; i < 12; i += 1) sfc32Next(state);
  },
  next: sfc32Next,
};

const mulberry32: BitGenerator = {
  words: 1,
  seed(parts, state) {
    state[0] = parts[0]! >>> 0;
  },
  next(state) {
    const s = (state[0]! + 0x6d2b79f5) >>> 0;
    state[0] = s;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  },
};

function splitmix32Next(state: Uint32Array): number {
  const s = (state[0]! + 0x9e3779b9) >>> 0;
  state[0] = s;
  let z = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const splitmix32: BitGenerator = {
  words: 1,
  seed(parts, state) {
    state[0] = parts[0]! >>> 0;
  },
  next: splitmix32Next,
};

const xoshiro128StarStar: BitGenerator = {
  words: 4,
  seed(parts, state) {
    const seeder = Uint32Array.of(parts[0]! >>> 0);
    for (let i = 0; i < 4; i += 1) state[i] = splitmix32Next(seeder);
  },
  next(state) {
    const a = state[0]!;
    const b = state[1]!;
    const c = state[2]!;
    const d = state[3]!;
    const x = Math.imul(b, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const c1 = c ^ a;
    const d1 = d ^ b;
    state[0] = a ^ d1;
    state[1] = b ^ c1;
    state[2] = c1 ^ (b << 9);
    state[3] = (d1 << 11) | (d1 >>> 21);
    return result;
  },
};

/** The bit generator of each algorithm. */
export const BIT_GENERATORS: Readonly<Record<RandomAlgorithm, BitGenerator>> = {
  sfc32,
  mulberry32,
  splitmix32,
  'xoshiro128**': xoshiro128StarStar,
};
