import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RANDOM_ALGORITHMS } from './algorithms';
import { seedFromName, seedFromPath } from './derive-seed';
import { SeededRandom } from './seeded-random';

// Streams recorded from the five generators the packages had before they became this one
// (commit 46d1519: trainer/src/augment/random.ts — sfc32; labels/src/split/seeded-random.ts and
// phantom/src/random.ts — mulberry32; densenet3d/src/model/random.ts — SplitMix32 with cached
// Box–Muller pairs; eval/src/bootstrap/random.ts — xoshiro128** seeded by SplitMix32). Every
// caller must keep its exact stream: phantom datasets, splits, initial weights, augmentation and
// bootstrap intervals are reproducible from a seed.
interface Golden {
  trainer: {
    seed: number[];
    uint: number[];
    next: number[];
    normal: number[];
    uniform: number;
    integer: number;
    chance: boolean[];
    shuffle: number[];
    state: number[];
  }[];
  labels: { seed: number; next: number[]; shuffle: number[] }[];
  phantom: {
    seed: number;
    next: number[];
    normal: number[];
    shuffle: number[];
    strata: number[];
    derive: number[];
  }[];
  eval: { seed: number; next: number[]; stream: number[] }[];
  densenetDerive: { seed: number; derive: number[] }[];
  densenetFill: { seed: number; normals: number[]; uniforms: number[] }[];
}
const golden = JSON.parse(
  readFileSync(new URL('./golden-streams.json', import.meta.url), 'utf8'),
) as Golden;
const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('sfc32 keeps the trainer stream', () => {
  it.each(golden.trainer)('seed $seed', (expected) => {
    const random = new SeededRandom(expected.seed);
    expect(Array.from({ length: 6 }, () => random.nextUint32())).toEqual(expected.uint);
    expect(Array.from({ length: 4 }, () => random.next())).toEqual(expected.next);
    expect(Array.from({ length: 4 }, () => random.normal())).toEqual(expected.normal);
    expect(random.uniform(-3, 5)).toBe(expected.uniform);
    expect(random.integer(17)).toBe(expected.integer);
    expect([random.chance(0.3), random.chance(0), random.chance(1), random.chance(0.9)]).toEqual(
      expected.chance,
    );
    expect(random.shuffle([...DIGITS])).toEqual(expected.shuffle);
    // The old generator could report a signed word; the state is the same modulo 2³².
    expect(random.getState()).toEqual(expected.state.map((word) => word >>> 0));
  });
});

describe('mulberry32 keeps the label-split and phantom streams', () => {
  it.each(golden.labels)('labels, seed $seed', (expected) => {
    const random = new SeededRandom(expected.seed, 'mulberry32');
    expect(Array.from({ length: 8 }, () => random.next())).toEqual(expected.next);
    expect(random.shuffle([...DIGITS])).toEqual(expected.shuffle);
  });

  it.each(golden.phantom)('phantom, seed $seed', (expected) => {
    const random = new SeededRandom(expected.seed, 'mulberry32');
    expect(Array.from({ length: 8 }, () => random.next())).toEqual(expected.next);
    expect(Array.from({ length: 4 }, () => random.normal())).toEqual(expected.normal);
    expect(random.shuffle([...DIGITS])).toEqual(expected.shuffle);
    const strata = Array.from({ length: 5 }, (_, i) => (i + random.next()) / 5);
    expect(random.shuffle(strata)).toEqual(expected.strata);
    const [seed] = [expected.seed];
    expect([
      seedFromPath(seed),
      seedFromPath(seed, 1),
      seedFromPath(seed, 12, 3),
      seedFromPath(seed, -5, 2 ** 31, 9),
    ]).toEqual(expected.derive);
  });
});

describe('splitmix32 keeps the initialisation and dropout streams', () => {
  it.each(golden.densenetFill)('seed $seed', (expected) => {
    const normals = new SeededRandom(expected.seed, 'splitmix32');
    // Two calls: the sine half of a pair carries over from one call to the next.
    const values = [
      ...normals.fillNormal(new Array<number>(3)),
      ...normals.fillNormal([0, 0, 0, 0]),
    ];
    expect(values).toEqual(expected.normals);
    const uniforms = new SeededRandom(expected.seed, 'splitmix32');
    expect(Array.from({ length: 5 }, () => uniforms.next())).toEqual(expected.uniforms);
  });

  it.each(golden.densenetDerive)('seedFromName, seed $seed', ({ seed, derive }) => {
    expect([
      seedFromName(seed, 'features.conv0.weight'),
      seedFromName(seed, ''),
      seedFromName(seed, 'dropout'),
    ]).toEqual(derive);
  });
});

describe('xoshiro128** keeps the bootstrap stream', () => {
  it.each(golden.eval)('seed $seed', (expected) => {
    const random = new SeededRandom(expected.seed, 'xoshiro128**');
    expect(Array.from({ length: 8 }, () => random.next())).toEqual(expected.next);
    expect([
      seedFromName(expected.seed, 'varus'),
      seedFromName(expected.seed, ''),
      seedFromName(expected.seed, 'fracture_parts'),
    ]).toEqual(expected.stream);
  });
});

describe('SeededRandom', () => {
  it.each(RANDOM_ALGORITHMS)('%s: resumes from a saved state', (algorithm) => {
    const random = new SeededRandom(9, algorithm);
    for (let i = 0; i < 5; i += 1) random.nextUint32();
    const resumed = SeededRandom.fromState(random.getState(), algorithm);
    expect(Array.from({ length: 6 }, () => resumed.next())).toEqual(
      Array.from({ length: 6 }, () => random.next()),
    );
  });

  it.each(RANDOM_ALGORITHMS)('%s: draws uniforms in [0, 1) with mean ≈ 1/2', (algorithm) => {
    const random = new SeededRandom(3, algorithm);
    const values = Array.from({ length: 4000 }, () => random.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(0.5, 1);
  });

  it.each<[string, () => unknown, RegExp]>([
    ['a fractional seed', () => new SeededRandom(1.5), /safe integers, got 1.5/],
    ['a NaN seed part', () => new SeededRandom([1, Number.NaN]), /safe integers, got NaN/],
    [
      'a list seed for a one-word algorithm',
      () => new SeededRandom([1, 2], 'mulberry32'),
      /mulberry32 takes one integer seed, got 2/,
    ],
    [
      'an unknown algorithm',
      () => new SeededRandom(1, 'mt19937' as never),
      /algorithm must be one of .*, got mt19937/,
    ],
    [
      'a state of the wrong length',
      () => SeededRandom.fromState([1, 2, 3]),
      /sfc32 state must be 4 unsigned 32-bit integers, got 1, 2, 3/,
    ],
    [
      'a negative state word',
      () => SeededRandom.fromState([-1], 'splitmix32'),
      /splitmix32 state must be 1 unsigned/,
    ],
  ])('refuses %s', (_name, build, message) => {
    expect(build).toThrow(RangeError);
    expect(build).toThrow(message);
  });

  it('makes no draw for a certain or impossible chance', () => {
    const a = new SeededRandom(4);
    const b = new SeededRandom(4);
    expect([a.chance(0), a.chance(1), a.chance(-1), a.chance(2)]).toEqual([
      false,
      true,
      false,
      true,
    ]);
    expect(a.next()).toBe(b.next());
  });

  it('repeats a stream for the same list seed and differs for another', () => {
    const draws = (seed: number[]) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.nextUint32());
    };
    expect(draws([1, 2, 3])).toEqual(draws([1, 2, 3]));
    expect(draws([1, 2, 4])).not.toEqual(draws([1, 2, 3]));
  });

  it('draws standard normals (both Box–Muller forms)', () => {
    const random = new SeededRandom(5);
    const n = 20000;
    const single = Array.from({ length: n }, () => random.normal());
    const paired = random.fillNormal(new Float64Array(n));
    for (const values of [single, Array.from(paired)]) {
      const mean = values.reduce((sum, z) => sum + z, 0) / n;
      const meanSquare = values.reduce((sum, z) => sum + z * z, 0) / n;
      expect(Math.abs(mean)).toBeLessThan(0.03);
      expect(Math.abs(meanSquare - 1)).toBeLessThan(0.05);
    }
  });
});
