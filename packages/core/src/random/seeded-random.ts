import { BIT_GENERATORS, type BitGenerator, type RandomAlgorithm } from './algorithms';

/** A seed: one integer, or a list of integers (`sfc32` only) such as `[runSeed, epoch, sample]`. */
export type Seed = number | readonly number[];

/**
 * The one seeded random generator of the ct-fracture packages: uniform, Bernoulli, integer and
 * normal draws and shuffles over a named bit generator (see {@link RandomAlgorithm}; `sfc32`
 * unless a caller pins another stream). The same seed and algorithm give the same numbers on
 * every machine and platform, and the whole state can be saved and restored.
 *
 * @example
 * ```ts
 * const random = new SeededRandom([42, 3, 17]);
 * random.uniform(-1, 1); // the same value on every machine
 * random.shuffle([1, 2, 3]);
 * new SeededRandom(7, 'mulberry32').next();
 * ```
 */
export class SeededRandom {
  /** The bit generator (fixed at construction). */
  readonly algorithm: RandomAlgorithm;
  private readonly generator: BitGenerator;
  private readonly state: Uint32Array;
  private spare: number | undefined;

  /**
   * @param seed - safe integers of any sign and size (folded into the state); `mulberry32`,
   *   `splitmix32` and `xoshiro128**` take one integer and use its low 32 bits.
   * @param algorithm - the bit generator (default `'sfc32'`).
   * @throws {RangeError} when a seed part is not a safe integer, a one-integer algorithm gets a
   *   list of another length, or the algorithm is unknown.
   */
  constructor(seed: Seed, algorithm: RandomAlgorithm = 'sfc32') {
    const generator = BIT_GENERATORS[algorithm];
    if (generator === undefined) {
      throw new RangeError(
        `the algorithm must be one of ${Object.keys(BIT_GENERATORS).join(', ')}, got ${algorithm}`,
      );
    }
    const parts = typeof seed === 'number' ? [seed] : seed;
    for (const part of parts) {
      if (!Number.isSafeInteger(part)) {
        throw new RangeError(`a seed must be made of safe integers, got ${part}`);
      }
    }
    if (algorithm !== 'sfc32' && parts.length !== 1) {
      throw new RangeError(
        `${algorithm} takes one integer seed, got ${parts.length} (${parts.join(', ')})`,
      );
    }
    this.algorithm = algorithm;
    this.generator = generator;
    this.state = new Uint32Array(generator.words);
    generator.seed(parts, this.state);
  }

  /**
   * A generator continuing from a state saved by {@link SeededRandom.getState}.
   * @throws {RangeError} unless `state` holds the algorithm's number of unsigned 32-bit words.
   */
  static fromState(state: readonly number[], algorithm: RandomAlgorithm = 'sfc32'): SeededRandom {
    const random = new SeededRandom(0, algorithm);
    random.setState(state);
    return random;
  }

  /** The current state words (copy them to resume later). */
  getState(): number[] {
    return Array.from(this.state);
  }

  /**
   * Continues from a saved state.
   * @throws {RangeError} unless `state` holds the algorithm's number of unsigned 32-bit words.
   */
  setState(state: readonly number[]): void {
    if (
      state.length !== this.state.length ||
      !state.every((word) => Number.isInteger(word) && word >= 0 && word <= 0xffffffff)
    ) {
      throw new RangeError(
        `a ${this.algorithm} state must be ${this.state.length} unsigned 32-bit integers, got ${state.join(', ')}`,
      );
    }
    this.state.set(state);
    this.spare = undefined;
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    return this.generator.next(this.state);
  }

  /** A double uniform in [0, 1) with 32 random bits. */
  next(): number {
    return this.generator.next(this.state) / 0x100000000;
  }

  /** A double uniform in [low, high): `low + (high − low) · next()`. */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** True with the given probability (no draw is made for probability ≤ 0 or ≥ 1). */
  chance(probability: number): boolean {
    if (probability <= 0) return false;
    if (probability >= 1) return true;
    return this.next() < probability;
  }

  /** An integer uniform in [0, n): `⌊next() · n⌋`. */
  integer(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * A standard normal deviate by Box–Muller from two uniform draws (`u = 1 − next()`,
   * `v = next()`, `√(−2 ln u) · cos 2πv`); the sine half is not used.
   */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * Fills `values` with standard normal deviates times `scale`, using both halves of each
   * Box–Muller pair (`u = next()` redrawn while 0, `v = next()`; `r·cos 2πv`, then `r·sin 2πv`),
   * so a weight initialisation takes one uniform per value. An odd count leaves the last sine
   * held for the next call.
   * @returns `values`.
   */
  fillNormal<T extends { length: number; [index: number]: number }>(values: T, scale = 1): T {
    for (let index = 0; index < values.length; index += 1) {
      let deviate = this.spare;
      if (deviate === undefined) {
        let u = this.next();
        while (u <= 0) u = this.next();
        const v = this.next();
        const radius = Math.sqrt(-2 * Math.log(u));
        this.spare = radius * Math.sin(2 * Math.PI * v);
        deviate = radius * Math.cos(2 * Math.PI * v);
      } else {
        this.spare = undefined;
      }
      values[index] = deviate * scale;
    }
    return values;
  }

  /** Shuffles `items` in place (Fisher–Yates from the last index down) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = this.integer(i + 1);
      const held = items[i]!;
      items[i] = items[j]!;
      items[j] = held;
    }
    return items;
  }
}
