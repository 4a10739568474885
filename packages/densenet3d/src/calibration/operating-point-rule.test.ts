import { describe, expect, it } from 'vitest';
import { DenseNetError } from '../errors/densenet-error';
import { formatOperatingPointRule, parseOperatingPointRule } from './operating-point-rule';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (caught) {
    return caught;
  }
  return undefined;
}

describe('operating-point rules', () => {
  it.each([
    ['youden', { kind: 'youden' }, 'youden'],
    [' youden ', { kind: 'youden' }, 'youden'],
    ['sensitivity:0.95', { kind: 'sensitivity', value: 0.95 }, 'sensitivity:0.95'],
    ['specificity: 0.9', { kind: 'specificity', value: 0.9 }, 'specificity:0.9'],
    ['sensitivity:1', { kind: 'sensitivity', value: 1 }, 'sensitivity:1'],
    ['threshold:0.3', { kind: 'threshold', value: 0.3 }, 'threshold:0.3'],
    ['0.25', { kind: 'threshold', value: 0.25 }, 'threshold:0.25'],
    ['0', { kind: 'threshold', value: 0 }, 'threshold:0'],
    ['1', { kind: 'threshold', value: 1 }, 'threshold:1'],
  ])('reads %j', (text, rule, canonical) => {
    expect(parseOperatingPointRule(text)).toEqual(rule);
    expect(formatOperatingPointRule(parseOperatingPointRule(text))).toBe(canonical);
  });

  it.each([
    ['sensitivity:0', /sensitivity must be in \(0, 1\]/],
    ['specificity:1.5', /specificity must be in \(0, 1\]/],
    ['sensitivity:', /'' is not a number/],
    ['threshold:-0.1', /a threshold must be in \[0, 1\]/],
    ['1.2', /a threshold must be in \[0, 1\]/],
    ['precision:0.9', /unknown rule 'precision'/],
    ['Youden', /'Youden' is not a number/],
    ['', /got ''/],
  ])('rejects %j naming the accepted forms', (text, why) => {
    const error = thrown(() => parseOperatingPointRule(text));
    expect(DenseNetError.isInstance(error)).toBe(true);
    expect((error as DenseNetError).code).toBe('invalid-input');
    expect((error as Error).message).toMatch(
      /an operating-point rule must be 'youden', 'sensitivity:X', 'specificity:X' \(0 < X <= 1\) or 'threshold:X' \/ 'X' \(0 <= X <= 1\), got /,
    );
    expect((error as Error).message).toMatch(why);
  });
});
