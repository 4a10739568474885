/** The serialisable state of a `SeededRandom` (four unsigned 32-bit words). */
export type RandomState = [number, number, number, number];

function mix32(value: number): number {
  // murmur3's finaliser: a bijective avalanche on 32-bit integers.
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A small, fast, seedable pseudo-random generator (sfc32) whose whole state can be saved and
 * restored, so that training resumes bit-exactly. Seeds are lists of integers — e.g.
 * `[runSeed, epoch, sampleIndex]` — so that every sample of every epoch has its own independent,
 * reproducible stream whatever thread or order prepares it.
 * @example
 * const random = new SeededRandom([42, 3, 17]);
 * random.uniform(-1, 1);
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * @param seed - one or more integers (any range; negative and large values are folded in).
   * @throws {RangeError} when a seed part is not a finite integer.
   */
  constructor(seed: number | readonly number[]) {
    const parts = typeof seed === 'number' ? [seed] : seed;
    let h = 0x9e3779b9;
    for (const part of parts) {
      if (!Number.isSafeInteger(part)) {
        throw new RangeError(`a seed must be made of safe integers, got ${part}`);
      }
      const low = part % 0x100000000;
      const high = Math.floor(part / 0x100000000);
      h = mix32(h ^ mix32(low + 0x6a09e667));
      h = mix32(h ^ mix32(high + 0xbb67ae85));
    }
    this.a = mix32(h ^ 0x243f6a88);
    this.b = mix32(h ^ 0x85a308d3);
    this.c = mix32(h ^ 0x13198a2e);
    this.d = 1;
    for (let i = 0; i < 12; i += 1) this.nextUint32();
  }

  /** A generator continuing from a saved state. */
  static fromState(state: RandomState): SeededRandom {
    const random = new SeededRandom(0);
    random.setState(state);
    return random;
  }

  /** The current state (copy it to resume later). */
  getState(): RandomState {
    return [this.a, this.b, this.c, this.d];
  }

  /**
   * Continues from a saved state.
   * @throws {RangeError} unless the state is four unsigned 32-bit integers.
   */
  setState(state: RandomState): void {
    if (
      state.length !== 4 ||
      !state.every((word) => Number.isInteger(word) && word >= 0 && word <= 0xffffffff)
    ) {
      throw new RangeError(`a random state must be four unsigned 32-bit integers, got ${state}`);
    }
    [this.a, this.b, this.c, this.d] = state;
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A double uniform in [0, 1) with 32 random bits. */
  next(): number {
    return this.nextUint32() / 0x100000000;
  }

  /** A double uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** True with the given probability (no draw is made for probability 0 or 1). */
  chance(probability: number): boolean {
    if (probability <= 0) return false;
    if (probability >= 1) return true;
    return this.next() < probability;
  }

  /** An integer uniform in [0, n). */
  integer(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A standard normal deviate (Box–Muller; two uniform draws per call). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles an array in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = this.integer(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}
