import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DicomError } from '../errors/dicom-error';
import { expected, seriesFolder } from '../testing/fixtures';
import { listDicomFolder, readDicomFolder, readDicomFolderHeader } from './read-folder';

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

/** Dummy patient data the fixture script writes into every file. */
const PATIENT_DATA = [
  'Doe',
  'Jane',
  'PAT-ID-4711',
  '19010203',
  'Phantom General Hospital',
  'ACC-998877',
];

describe('readDicomFolder on broken fixtures', () => {
  it.each([
    [
      'two-series',
      'several-series',
      /two-series holds 2 series, choose one with --series UID \(option `series`\): [\d.]+ "(bone kernel|soft tissue)" \(12 slices\); [\d.]+ "(bone kernel|soft tissue)" \(12 slices\)/,
    ],
    [
      'missing-slice',
      'inconsistent-geometry',
      /a slice is missing between .*slice-004\.dcm \(50 mm\) and .*slice-006\.dcm \(55 mm\) along the slice normal: a gap of 5 mm where the slices are 2\.5 mm apart \(about 1 missing\)/,
    ],
    [
      'truncated',
      'truncated-pixel-data',
      /truncated\/slice-004\.dcm: pixel data must hold 24 rows × 32 columns × 1 frame\(s\) × 16 bits = 1536 bytes; the file \(\d+ bytes\) ends inside them/,
    ],
  ])('%s', async (name, code, message) => {
    const error = await readDicomFolder(seriesFolder(name)).catch((thrown) => thrown);
    expect(DicomError.isInstance(error)).toBe(true);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    for (const text of PATIENT_DATA) expect(error.message).not.toContain(text);
  });

  it('reads one series of a folder holding two when asked', async () => {
    const { series } = await listDicomFolder(seriesFolder('two-series'));
    const soft = series.find((entry) => entry.description === 'soft tissue')!;
    const read = await readDicomFolder(seriesFolder('two-series'), {
      series: soft.seriesInstanceUid,
    });
    expect(read.series.seriesInstanceUid).toBe(soft.seriesInstanceUid);
    expect(read.volume.shape).toEqual([32, 24, 12]);
  });

  it('names the file and the transfer syntax it cannot decode', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'dicom-io-'));
    try {
      for (const name of await readdir(seriesFolder('signed-slope-jpeg-lossless'))) {
        const bytes = await readFile(join(seriesFolder('signed-slope-jpeg-lossless'), name));
        const text = bytes
          .toString('latin1')
          .replace('1.2.840.10008.1.2.4.70', '1.2.840.10008.1.2.4.50');
        await writeFile(join(folder, name), Buffer.from(text, 'latin1'));
      }
      await expect(readDicomFolder(folder)).rejects.toThrow(
        /slice-000\.dcm: unsupported transfer syntax JPEG Baseline \(Process 1\) \(1\.2\.840\.10008\.1\.2\.4\.50\)/,
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('says which folder cannot be read', async () => {
    await expect(readDicomFolder(seriesFolder('no-such-series'))).rejects.toThrow(
      /no-such-series: a DICOM series folder must be readable \(ENOENT\)/,
    );
  });

  it('keeps patient data out of what it returns', async () => {
    const read = await readDicomFolder(seriesFolder('axial'));
    const text = JSON.stringify({ ...read, volume: { ...read.volume, data: [] } });
    for (const value of PATIENT_DATA) expect(text).not.toContain(value);
    expect(read.series.description).toBe('phantom axial');
  });
});

describe('readDicomFolderHeader', () => {
  it('gives the shape and affine without decoding pixels, and checks the geometry', async () => {
    const header = await readDicomFolderHeader(seriesFolder('oblique'));
    const want = expected('oblique');
    expect(header.shape).toEqual(want.shape);
    header.affine.flat().forEach((value, index) => {
      expect(Math.abs(value - want.affine.flat()[index]!)).toBeLessThan(1e-3);
    });
    await expect(readDicomFolderHeader(seriesFolder('missing-slice'))).rejects.toThrow(
      /a slice is missing/,
    );
  });
});
