import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NiftiError } from '../errors/nifti-error';
import { reorientToRas } from '../preprocess/reorient';
import type { Mat4, Volume } from '../volume';
import { inspectNifti } from './inspect-nifti';
import { readNifti } from './read-nifti';
import { readNiftiHeader } from './read-nifti-header';

/** One file of fixtures/nifti-expected.json (written by fixtures/make_fixtures.py with nibabel). */
interface Expected {
  file: string;
  compressed: boolean;
  error?: string;
  format: 'nifti1' | 'nifti2';
  littleEndian: boolean;
  shape: number[];
  datatype: string;
  spacing: number[];
  affine: Mat4;
  orientation: string;
  sformCode: number;
  qformCode: number;
  scaling: { slope: number | null; intercept: number | null };
  stats: { min: number | null; max: number | null; mean: number | null };
  samples: [number, number, number, number | null][];
  canonical?: {
    shape: number[];
    affine: Mat4;
    orientation: string;
    samples: [number, number, number, number | null][];
  };
}

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const expected = JSON.parse(readFileSync(`${FIXTURES}nifti-expected.json`, 'utf8')) as {
  files: Expected[];
};
const readable = expected.files.filter((entry) => entry.error === undefined);
const failing = expected.files.filter((entry) => entry.error !== undefined);

function expectAffine(actual: Mat4, wanted: Mat4): void {
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++)
      expect(Math.abs(actual[r]![c]! - wanted[r]![c]!)).toBeLessThan(1e-5);
  }
}

/** Equal to float32 precision (our data are float32, nibabel's float64). */
function expectClose(actual: number | null, wanted: number | null, relative = 1e-6): void {
  if (wanted === null) {
    expect(actual === null || Number.isNaN(actual)).toBe(true);
    return;
  }
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - wanted)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(wanted)));
}

function expectSamples(volume: Volume, samples: Expected['samples']): void {
  const [, nj, nk] = volume.shape;
  for (const [i, j, k, value] of samples) {
    const actual = volume.data[(i * nj + j) * nk + k]!;
    expectClose(Number.isNaN(actual) ? null : actual, value);
  }
}

const path = (file: string) => `${FIXTURES}nifti/${file}`;

describe('parity with nibabel 5 (fixtures/make_fixtures.py)', () => {
  it('covers the variants the issue lists', () => {
    const files = expected.files.map((entry) => entry.file);
    for (const name of [
      'be_int16.nii',
      'scaled_int16_inter-1024.nii.gz',
      'float64_nan.nii',
      'uint8.nii',
      '4d_float32.nii.gz',
      'nifti2_le.nii',
      'qform_only_qfac-1.nii',
      'sform_only_sheared.nii',
      'neither.nii',
      'oblique.nii.gz',
      'lps.nii',
      'anatomical.nii',
    ]) {
      expect(files).toContain(name);
    }
  });

  describe.each(readable.map((entry) => [entry.file, entry] as const))('%s', (file, want) => {
    it('header: format, byte order, shape, datatype, zooms, codes, scaling, affine, orientation', async () => {
      const header = await readNiftiHeader(path(file));
      expect(header.format).toBe(want.format);
      expect(header.compressed).toBe(want.compressed);
      expect(header.littleEndian).toBe(want.littleEndian);
      expect(header.shape).toEqual(want.shape);
      expect(header.datatype).toBe(want.datatype);
      header.spacing.forEach((zoom, axis) => {
        expectClose(zoom, want.spacing[axis]!);
      });
      expect(header.spacing).toHaveLength(want.spacing.length);
      expect(header.sformCode).toBe(want.sformCode);
      expect(header.qformCode).toBe(want.qformCode);
      expect(header.scaling).toEqual(want.scaling);
      expectAffine(header.affine, want.affine);
      expect(header.orientation).toBe(want.orientation);
    });

    // nibabel reads any image: frame 0 of a 4D one, NaN kept (the model-input defaults refuse both).
    const asNibabel = { frame: 0, nonFinite: 'keep' } as const;

    it('data: sample voxels of frame 0 and stats over all frames', async () => {
      const { volume } = await readNifti(path(file), asNibabel);
      expectAffine(volume.affine, want.affine);
      expectSamples(volume, want.samples);
      const summary = await inspectNifti(path(file));
      expectClose(summary.stats.min, want.stats.min, 1e-9);
      expectClose(summary.stats.max, want.stats.max, 1e-9);
      expectClose(summary.stats.mean, want.stats.mean, 1e-9);
    });

    it.runIf(want.canonical !== undefined)('reorientToRas = as_closest_canonical', async () => {
      const { volume } = await readNifti(path(file), asNibabel);
      const ras = reorientToRas(volume);
      expect(ras.shape).toEqual(want.canonical!.shape.slice(0, 3));
      expectAffine(ras.affine, want.canonical!.affine);
      expectSamples(ras, want.canonical!.samples);
    });
  });

  it.each(failing.map((entry) => [entry.file, entry.error] as const))(
    '%s → NiftiError %s naming the file',
    async (file, code) => {
      const error = await readNifti(path(file)).catch((caught: unknown) => caught);
      expect(NiftiError.isInstance(error)).toBe(true);
      expect((error as NiftiError).code).toBe(code);
      expect((error as NiftiError).message).toContain(file);
    },
  );
});
