import { describe, expect, it } from 'vitest';
import { LabelError } from '../errors/label-error';
import { scanMatcher } from './scan-matcher';

describe('scanMatcher', () => {
  it.each([
    [undefined, 'new_datasets/one_side_train/P001-left.nii', 'p001'],
    [undefined, 'Case07.v2.nii.gz', 'case07'],
    ['^sub-(?<id>[A-Za-z0-9]+)_ct', 'data/sub-P001_ct.nii.gz', 'p001'],
    ['(?<id>\\d+)\\.nii$', 'scan_0042.nii', '0042'],
    ['^sub-(?<id>[A-Za-z0-9]+)_ct', 'other.nii', undefined],
    [/^(?<id>[a-z]+)/gi, 'ABC123.nii', 'abc'],
  ])('pattern %s: %s → %s', (pattern, file, key) => {
    expect(scanMatcher(pattern)(file)).toBe(key);
  });

  it.each([
    ['(?<id>[a-z', 'must be a valid regular expression'],
    ['^([a-z]+)', 'must have a named group (?<id>…)'],
  ])('rejects %s', (pattern, message) => {
    expect(() => scanMatcher(pattern)).toThrow(LabelError);
    expect(() => scanMatcher(pattern)).toThrow(
      expect.objectContaining({ code: 'invalid-pattern', value: pattern }),
    );
    expect(() => scanMatcher(pattern)).toThrow(message);
  });
});
