import { describe, expect, it } from 'vitest';
import { MAX_QUOTED_CHARACTERS, quoteValue } from './quote-value';

describe('quoteValue', () => {
  it.each<[string, string, number | undefined, string]>([
    ['a short value', 'maybe', undefined, '"maybe"'],
    ['an empty value', '', undefined, '""'],
    ['a line break and a quote, escaped', 'a\n"b"', undefined, '"a\\n\\"b\\""'],
    ['exactly the limit', 'x'.repeat(80), undefined, `"${'x'.repeat(80)}"`],
    ['one past the limit', 'x'.repeat(81), undefined, `"${'x'.repeat(80)}…" (81 characters)`],
    [
      'a 50 MB cell',
      'A'.repeat(50_000_000),
      undefined,
      `"${'A'.repeat(80)}…" (50000000 characters)`,
    ],
    ['a smaller limit', 'abcdef', 3, '"abc…" (6 characters)'],
    ['a surrogate pair at the cut', `ab${'😀'}cd`, 3, '"ab…" (6 characters)'],
  ])('%s', (_, value, max, expected) => {
    expect(quoteValue(value, max)).toBe(expected);
  });

  it('quotes at most ~80 characters of any value (plus quotes, ellipsis and length)', () => {
    for (const length of [0, 1, 79, 80, 81, 1000, 10_000_000]) {
      const quoted = quoteValue('é'.repeat(length));
      expect(quoted.length).toBeLessThanOrEqual(MAX_QUOTED_CHARACTERS + 30);
    }
  });
});
