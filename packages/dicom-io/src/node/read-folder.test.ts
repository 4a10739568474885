import { describe, expect, it } from 'vitest';
import { expected, seriesFolder } from '../testing/fixtures';
import { readDicomFolder } from './read-folder';

/** Each readable fixture and the dcm2niix conversion its reading must match. */
const CASES: [series: string, reference: string][] = [
  ['axial', 'axial'],
  ['axial-reversed', 'axial-reversed'],
  ['coronal', 'coronal'],
  ['oblique', 'oblique'],
  ['signed-slope', 'signed-slope'],
  ['implicit-vr', 'implicit-vr'],
  ['big-endian', 'big-endian'],
  ['thickness-mismatch', 'thickness-mismatch'],
  ['uint8', 'uint8'],
  ['int32', 'int32'],
  ['multiframe', 'multiframe'],
  ['multiframe-rle', 'multiframe'], // dcm2niix misdecodes multi-frame RLE (pydicom agrees with the original)
  ['signed-slope-jpeg-lossless', 'signed-slope-jpeg-lossless'],
  ['signed-slope-rle', 'signed-slope-rle'],
  ['signed-slope-jpeg2000', 'signed-slope-jpeg2000'],
  // Debian's dcm2niix reads neither JPEG-LS nor deflated files: the uncompressed original is the reference.
  ['signed-slope-jpeg-ls', 'signed-slope'],
  ['signed-slope-deflated', 'signed-slope'],
];

describe('readDicomFolder matches dcm2niix + nibabel', () => {
  it.each(CASES)('%s', async (series, reference) => {
    const want = expected(reference);
    const { volume, warnings } = await readDicomFolder(seriesFolder(series));
    expect(volume.shape).toEqual(want.shape);
    for (let row = 0; row < 4; row++) {
      for (let column = 0; column < 4; column++) {
        expect(Math.abs(volume.affine[row]![column]! - want.affine[row]![column]!)).toBeLessThan(
          1e-3,
        );
      }
    }
    volume.spacingMm.forEach((spacing, axis) => {
      expect(Math.abs(spacing - want.zooms[axis]!)).toBeLessThan(1e-3);
    });
    expect(volume.data.length).toBe(want.data.length);
    const firstDifference = volume.data.findIndex((value, index) => value !== want.data[index]);
    expect(firstDifference, `first differing voxel ${firstDifference}`).toBe(-1);
    expect(warnings).toEqual([]);
  });
});
