import { SeededRandom } from '@ct-fracture/core';

/**
 * Draws stratified bootstrap resamples over rows arranged in strata (the rows of stratum `s`
 * are the positions `starts[s] … starts[s + 1] − 1`): each stratum is redrawn with replacement,
 * keeping its size. The draws come from `@ct-fracture/core`'s `SeededRandom` on `xoshiro128**`
 * (`position = start + ⌊u · size⌋` with `u` a 32-bit draw over 2³², strata in order).
 */
export class StratifiedSampler {
  private readonly starts: Int32Array;
  private readonly random: SeededRandom;

  /**
   * @param starts - stratum boundaries, non-decreasing, `starts[0] = 0`, last = row count.
   * @param seed - seed of the draws.
   */
  constructor(starts: Int32Array, seed: number) {
    this.starts = starts;
    this.random = new SeededRandom(seed, 'xoshiro128**');
  }

  /** The next resample as the list of drawn positions (stratum blocks in order). */
  nextPositions(out: Int32Array): void {
    const { starts, random } = this;
    for (let s = 0; s + 1 < starts.length; s++) {
      const start = starts[s]!;
      const end = starts[s + 1]!;
      const scale = (end - start) / 4294967296;
      for (let j = start; j < end; j++) out[j] = start + Math.floor(random.nextUint32() * scale);
    }
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
    const { starts, random } = this;
    const saved = random.getState();
    let overflow = false;
    for (let s = 0; s + 1 < starts.length; s++) {
      const start = starts[s]!;
      const end = starts[s + 1]!;
      const scale = (end - start) / 4294967296;
      for (let j = start; j < end; j++) {
        const position = start + Math.floor(random.nextUint32() * scale);
        const count = counts[position]! + 1;
        counts[position] = count;
        if (count === 256) overflow = true;
      }
    }
    if (overflow) random.setState(saved);
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
