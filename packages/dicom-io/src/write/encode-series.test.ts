import { describe, expect, it } from 'vitest';
import { DicomError } from '../errors/dicom-error';
import { readDicomSeries } from '../read-dicom-series';
import { LAS, makeVolume } from '../testing/make-volume';
import type { Mat4 } from '../volume';
import { encodeDicomSeries } from './encode-series';

const RAS: Mat4 = [
  [0.7, 0, 0, -90],
  [0, 0.8, 0, -20],
  [0, 0, 2.5, 30],
  [0, 0, 0, 1],
];
// 30° about z, then 20° about x: an oblique LAS-like grid (negative determinant).
const c30 = Math.cos(Math.PI / 6);
const s30 = Math.sin(Math.PI / 6);
const OBLIQUE: Mat4 = [
  [-0.7 * c30, -0.8 * s30, 0, 12.5],
  [-0.7 * s30, 0.8 * c30, 0, -4],
  [0, 0, 1.5, 60],
  [0, 0, 0, 1],
];

function expectAffine(actual: Mat4, expected: Mat4): void {
  for (let row = 0; row < 4; row++) {
    for (let column = 0; column < 4; column++) {
      expect(actual[row]![column]!).toBeCloseTo(expected[row]![column]!, 9);
    }
  }
}

describe('encodeDicomSeries → readDicomSeries', () => {
  it.each([
    ['LAS (dcm2niix layout)', LAS],
    ['oblique, negative determinant', OBLIQUE],
  ])('%s reads back voxel for voxel', async (_label, affine) => {
    const volume = makeVolume([7, 5, 4], affine);
    const files = encodeDicomSeries(volume, { uidKey: 'round-trip', seriesDescription: 'test' });
    expect(files.map((file) => file.name)).toEqual([
      'slice-0001.dcm',
      'slice-0002.dcm',
      'slice-0003.dcm',
      'slice-0004.dcm',
    ]);
    const read = await readDicomSeries(files);
    expect(read.volume.shape).toEqual([7, 5, 4]);
    expect(read.volume.data).toEqual(volume.data);
    expectAffine(read.volume.affine, affine);
    expect(read.series.description).toBe('test');
    expect(read.warnings).toEqual([]);
  });

  it('a positive determinant (RAS) reads back with k reversed: the same voxels in world space', async () => {
    const volume = makeVolume([3, 2, 4], RAS);
    const read = await readDicomSeries(encodeDicomSeries(volume, { uidKey: 'ras' }));
    const [ni, nj, nk] = volume.shape;
    for (let i = 0; i < ni; i++) {
      for (let j = 0; j < nj; j++) {
        for (let k = 0; k < nk; k++) {
          expect(read.volume.data[(i * nj + j) * nk + (nk - 1 - k)]).toBe(
            volume.data[(i * nj + j) * nk + k],
          );
        }
      }
    }
    expectAffine(read.volume.affine, [
      [0.7, 0, 0, -90],
      [0, 0.8, 0, -20],
      [0, 0, -2.5, 37.5],
      [0, 0, 0, 1],
    ]);
  });

  it('the same key gives the same UIDs, another key others', () => {
    const volume = makeVolume([2, 2, 2], LAS);
    const text = (key: string) =>
      new TextDecoder().decode(encodeDicomSeries(volume, { uidKey: key })[0]!.bytes);
    expect(text('a')).toBe(text('a'));
    expect(text('a')).not.toBe(text('b'));
  });

  it('refuses a value that int16 cannot hold after rescale', () => {
    const volume = makeVolume([2, 2, 2], LAS);
    volume.data[3] = 40_000;
    expect(() => encodeDicomSeries(volume, { uidKey: 'x' })).toThrow(
      /voxel \(0, 1, 1\) = 40000 does not fit int16/,
    );
    try {
      encodeDicomSeries(volume, { uidKey: 'x' });
    } catch (error) {
      expect(DicomError.isInstance(error)).toBe(true);
    }
  });
});
