import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { numpyMean, numpyStd } from './numpy-moments';

interface NumpyCase {
  values: number[];
  mean: number;
  sd: number;
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/numpy-summary.json', import.meta.url), 'utf8'),
) as { numpy: string; cases: NumpyCase[] };

describe(`numpyMean / numpyStd against NumPy ${fixture.numpy} (fixtures/make_numpy_summary_fixtures.py)`, () => {
  it.each(fixture.cases.map((c, index) => ({ ...c, index, n: c.values.length })))(
    'case $index (n = $n): equal to the last bit',
    ({ values, mean, sd }) => {
      expect(numpyMean(values)).toBe(mean);
      expect(numpyStd(values, 1)).toBe(sd);
    },
  );

  it('is not the naive left-to-right sum (the tricky case tells them apart)', () => {
    const tricky = fixture.cases.find((c) => c.values.includes(1e16))!;
    const naive = tricky.values.reduce((sum, v) => sum + v, 0) / tricky.values.length;
    expect(naive).not.toBe(tricky.mean);
    expect(numpyMean(tricky.values)).toBe(tricky.mean);
  });

  it.each([
    { values: [], ddof: 1 },
    { values: [0.5], ddof: 1 },
  ])(
    'gives NaN where NumPy has no value ($values.length values, ddof $ddof)',
    ({ values, ddof }) => {
      expect(numpyStd(values, ddof)).toBeNaN();
    },
  );
});
