import { seedState } from './random';

/**
 * Draws stratified bootstrap resamples over rows arranged in strata (the rows of stratum `s`
 * are the positions `starts[s] … starts[s + 1] − 1`): each stratum is redrawn with replacement,
 * keeping its size. The draws are those of {@link createRandom} with the same seed
 * (`position = start + ⌊u · size⌋`, strata in order).
 */
export class StratifiedSampler {
  private readonly starts: Int32Array;
  private readonly state: Uint32Array;

  /**
   * @param starts - stratum boundaries, non-decreasing, `starts[0] = 0`, last = row count.
   * @param seed - seed of the draws.
   */
  constructor(starts: Int32Array, seed: number) {
    this.starts = starts;
    this.state = seedState(seed);
  }

  /** The next resample as the list of drawn positions (stratum blocks in order). */
  nextPositions(out: Int32Array): void {
    const { starts, state } = this;
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    for (let s = 0; s + 1 < starts.length; s++) {
      const start = starts[s]!;
      const end = starts[s + 1]!;
      const scale = (end - start) / 4294967296;
      for (let j = start; j < end; j++) {
        // xoshiro128** step (as createRandom)
        const x = Math.imul(b, 5);
        const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
        const t = b << 9;
        c ^= a;
        d ^= b;
        b ^= c;
        a ^= d;
        c ^= t;
        d = (d << 11) | (d >>> 21);
        out[j] = start + Math.floor(result * scale);
      }
    }
    state.set([a, b, c, d]);
  }

  /**
   * The next resample as the multiplicity of each position, in bytes (the bootstrap's hot path:
   * 1 byte a row keeps the counts in the L1 cache for the AUC sweeps). The same draws as
   * {@link nextPositions}.
   * @returns `false` when a count passed 255 (practically never): `counts` is then invalid and the
   * generator is left where it was, so that {@link nextWideCounts} redraws the same resample.
   */
  nextCounts(counts: Uint8Array): boolean {
    counts.fill(0);
    const { starts, state } = this;
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    let overflow = false;
    for (let s = 0; s + 1 < starts.length; s++) {
      const start = starts[s]!;
      const end = starts[s + 1]!;
      const scale = (end - start) / 4294967296;
      for (let j = start; j < end; j++) {
        // xoshiro128** step (as createRandom)
        const x = Math.imul(b, 5);
        const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
        const t = b << 9;
        c ^= a;
        d ^= b;
        b ^= c;
        a ^= d;
        c ^= t;
        d = (d << 11) | (d >>> 21);
        const position = start + Math.floor(result * scale);
        const count = counts[position]! + 1;
        counts[position] = count;
        if (count === 256) overflow = true;
      }
    }
    if (!overflow) state.set([a, b, c, d]);
    return !overflow;
  }

  /** The next resample as 32-bit multiplicities (the same draws as {@link nextPositions}). */
  nextWideCounts(counts: Int32Array): void {
    const positions = new Int32Array(counts.length);
    this.nextPositions(positions);
    counts.fill(0);
    for (const position of positions) counts[position]!++;
  }
}
