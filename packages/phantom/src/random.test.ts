import { describe, expect, it } from 'vitest';
import { PhantomError } from './errors/phantom-error';
import {
  createRandom,
  deriveSeed,
  gaussian,
  pickWeighted,
  shuffleInPlace,
  stratifiedUniforms,
} from './random';

describe('createRandom', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
  });

  it('stays in [0, 1) with a mean near 0.5', () => {
    const random = createRandom(7);
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      sum += value;
    }
    expect(sum / 10000).toBeGreaterThan(0.48);
    expect(sum / 10000).toBeLessThan(0.52);
  });

  it('gives the same first numbers on every machine (pinned values)', () => {
    const random = createRandom(1);
    expect([random(), random()].map((v) => v.toFixed(12))).toEqual([
      '0.627073940588',
      '0.002735721180',
    ]);
  });
});

describe('deriveSeed', () => {
  it('is a stable 32-bit function of seed and path', () => {
    expect(deriveSeed(1, 2, 3)).toBe(deriveSeed(1, 2, 3));
    expect(deriveSeed(1, 2, 3)).not.toBe(deriveSeed(1, 3, 2));
    expect(deriveSeed(1, 2)).not.toBe(deriveSeed(2, 2));
    const seeds = new Set(Array.from({ length: 10000 }, (_, i) => deriveSeed(5, i)));
    expect(seeds.size).toBe(10000);
    for (const seed of seeds) expect(seed >>> 0).toBe(seed);
  });
});

describe('draws', () => {
  it('gaussian has mean ≈ 0 and variance ≈ 1', () => {
    const random = createRandom(3);
    const values = Array.from({ length: 20000 }, () => gaussian(random));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
  });

  it('stratifiedUniforms puts one value in each stratum', () => {
    const values = stratifiedUniforms(createRandom(4), 16);
    expect(values.map((v) => Math.floor(v * 16)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 16 }, (_, i) => i),
    );
  });

  it('shuffleInPlace permutes', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const shuffled = shuffleInPlace(createRandom(9), [...items]);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });

  it.each([
    [0.1, 'a'],
    [0.3, 'b'],
    [0.99, 'c'],
  ])('pickWeighted(%f) → %s', (u, key) => {
    expect(pickWeighted(u, { a: 1, b: 2, c: 1 })).toBe(key);
  });

  it('pickWeighted rejects weights that sum to 0', () => {
    expect(() => pickWeighted(0.5, { a: 0 })).toThrow(PhantomError);
  });
});
