import { describe, expect, it } from 'vitest';
import { patientIdFromFileName } from './patient-id';

describe('patientIdFromFileName (original rule)', () => {
  it.each([
    ['P001.nii', 'p001'],
    ['P001-left.nii.gz', 'p001'],
    ['data/one_side_train/Case07-R.nii', 'case07'],
    ['C:\\scans\\AB12.v2-x.nii', 'ab12'],
    ['plain', 'plain'],
  ])('%s → %s', (fileName, expected) => {
    expect(patientIdFromFileName(fileName)).toBe(expected);
  });
});
