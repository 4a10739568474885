import { describe, expect, it } from 'vitest';
import { normaliseLabelValue } from './normalise-label-value';

describe('normaliseLabelValue', () => {
  it.each([
    ['case and surrounding whitespace', '  YES \t', 'yes'],
    ['dash between words', 'one-part', 'one part'],
    ['underscore between words', 'none_rim', 'none rim'],
    ['digit glued to a word', '1part', '1 part'],
    ['digit glued to a unit', '1cm', '1 cm'],
    ['unicode en dash', '5–25%', '5 25%'],
    ['unicode minus sign', '5\u221225%', '5 25%'],
    ['unicode non-breaking hyphen', 'head\u2011split', 'head split'],
    ['greater-or-equal sign', '≥ 25 % overlap', '>=25% overlap'],
    ['less-or-equal sign', '≤5%', '<=5%'],
    ['ASCII => as >=', '=> 1 cm', '>=1 cm'],
    ['fullwidth letters (NFKC)', 'ＹＥＳ', 'yes'],
    ['slash with spaces', 'none / rim', 'none/rim'],
    ['commas and brackets as separators', '2-part, (dislocation)', '2 part dislocation'],
    ['trailing full stop', 'yes.', 'yes'],
    ['a lone dash', '-', ''],
    ['an empty cell', '', ''],
  ])('%s: %j → %j', (_case, raw, key) => {
    expect(normaliseLabelValue(raw)).toBe(key);
  });
});
