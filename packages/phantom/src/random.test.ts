import { SeededRandom, seedFromPath } from '@ct-fracture/core';
import { describe, expect, it } from 'vitest';
import { PhantomError } from './errors/phantom-error';
import { pickWeighted, stratifiedUniforms, streamRandom } from './random';

describe('streamRandom', () => {
  it('is mulberry32 seeded by seedFromPath (pinned first numbers)', () => {
    const random = streamRandom(7, 12, 3);
    const reference = new SeededRandom(seedFromPath(7, 12, 3), 'mulberry32');
    expect([random.next(), random.next()]).toEqual([reference.next(), reference.next()]);
    const one = new SeededRandom(1, 'mulberry32');
    expect([one.next(), one.next()].map((v) => v.toFixed(12))).toEqual([
      '0.627073940588',
      '0.002735721180',
    ]);
  });

  it('gives independent streams distinct seeds', () => {
    const seeds = new Set(Array.from({ length: 10000 }, (_, i) => seedFromPath(5, i)));
    expect(seeds.size).toBe(10000);
  });
});

describe('draws', () => {
  it('stratifiedUniforms puts one value in each stratum', () => {
    const values = stratifiedUniforms(streamRandom(4), 16);
    expect(values.map((v) => Math.floor(v * 16)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 16 }, (_, i) => i),
    );
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
