import { describe, expect, it } from 'vitest';
import { classifyFiles, scanName } from './classify-files';

describe('classifyFiles', () => {
  it.each([
    [['ckpt/model.json', 'ckpt/weights.bin', 'ckpt/ct-fracture.json'], 'checkpoint'],
    [['model.json', 'ct-fracture.json'], 'checkpoint'],
    [['scan.nii.gz'], 'nifti'],
    [['scan.NII'], 'nifti'],
    [['notes.txt'], 'nifti'],
    [['folder/case.nii'], 'nifti'],
    [['series/IM0001', 'series/IM0002'], 'dicom'],
    [['series/IM0001'], 'dicom'],
    [['a.nii', 'b.nii'], 'unknown'],
    [[], 'unknown'],
  ] as const)('%j → %s', (paths, kind) => {
    expect(classifyFiles(paths)).toBe(kind);
  });
});

describe('scanName (as the CLI names explain outputs)', () => {
  it.each([
    [['P001-left.nii.gz'], 'P001-left'],
    [['P001.nii'], 'P001'],
    [['P001-left/IM0001', 'P001-left/IM0002'], 'P001-left'],
    [['folder/case.nii.gz'], 'case'],
  ] as const)('%j → %s', (paths, name) => {
    expect(scanName(paths)).toBe(name);
  });
});
