import { readFileSync } from 'node:fs';
import { parseOperatingPointRule } from '@ct-fracture/densenet3d';
import { describe, expect, it } from 'vitest';
import { EvaluationError } from '../errors/evaluation-error';
import { chooseOperatingPoint } from './choose-operating-point';
import { fitTemperature, TEMPERATURE_RANGE } from './temperature-scaling';

interface Fixture {
  scipy: string;
  torch: string;
  sklearn: string;
  temperature_range: [number, number];
  temperature: {
    name: string;
    kind: 'binary' | 'multiclass';
    class_count: number;
    logits: number[];
    truth: number[];
    expected: {
      temperature: number;
      temperature_torch_lbfgs: number | null;
      n: number;
      nll_before: number;
      nll_after: number;
      bound: 'lower' | 'upper' | null;
    };
  }[];
  operating_points: {
    name: string;
    truth: number[];
    scores: number[];
    expected: Record<
      string,
      { threshold: number; sensitivity: number; specificity: number } | 'unreachable'
    >;
  }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/calibration-reference.json', import.meta.url), 'utf8'),
) as Fixture;

describe('temperature scaling against SciPy and PyTorch L-BFGS', () => {
  it('was generated over the same range by the Debian packages', () => {
    expect(fixture.temperature_range).toEqual([...TEMPERATURE_RANGE]);
    expect(fixture.scipy).toMatch(/^1\./);
    expect(fixture.temperature.map((c) => c.name)).toEqual([
      'binary-overconfident',
      'binary-underconfident',
      'multiclass-missing',
      'multiclass-large-logits',
      'multiclass-small-ties',
      'binary-separable',
      'binary-anti',
    ]);
  });

  it.each(fixture.temperature.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const fit = fitTemperature({
      kind: c.kind,
      logits: c.logits,
      truth: c.truth,
      classCount: c.class_count,
    });
    const { expected } = c;
    expect(Math.abs(fit.temperature - expected.temperature)).toBeLessThan(1e-4);
    if (expected.temperature_torch_lbfgs !== null) {
      expect(Math.abs(fit.temperature - expected.temperature_torch_lbfgs)).toBeLessThan(1e-4);
      // Both references agree to ~1e-8 relative; so does this fit.
      expect(Math.abs(fit.temperature / expected.temperature - 1)).toBeLessThan(1e-6);
    }
    expect(fit.bound).toBe(expected.bound);
    expect(fit.n).toBe(expected.n);
    expect(fit.nllBefore).toBeCloseTo(expected.nll_before, 10);
    expect(fit.nllAfter).toBeCloseTo(expected.nll_after, 8);
    expect(fit.nllAfter).toBeLessThanOrEqual(fit.nllBefore + 1e-12);
  });
});

describe('operating points against scikit-learn roc_curve', () => {
  const cases = fixture.operating_points.flatMap((c) =>
    Object.entries(c.expected).map(([rule, expected]) => [c.name, rule, c, expected] as const),
  );

  it('covers ties, plateaus and an unreachable specificity', () => {
    expect(fixture.sklearn).toMatch(/^1\.2\./);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.some(([, , , expected]) => expected === 'unreachable')).toBe(true);
  });

  it.each(cases)('%s, %s', (_, rule, c, expected) => {
    const parsed = parseOperatingPointRule(rule);
    if (expected === 'unreachable') {
      const error = (() => {
        try {
          chooseOperatingPoint(c.truth, c.scores, parsed);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(EvaluationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(
        new RegExp(
          `no threshold reaches ${rule}: the highest score \\(0.9\\) is shared by 1 of 4 negative rows`,
        ),
      );
      return;
    }
    const chosen = chooseOperatingPoint(c.truth, c.scores, parsed);
    // Thresholds are scores (or the fixed value): equal exactly, as are the ratios.
    expect(chosen).toEqual({ ...expected, n: c.truth.length });
  });
});
