import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNifti } from '../io/read-nifti';
import { readNiftiPreprocessed } from '../io/read-preprocessed';
import { writeNifti } from '../io/write-nifti';
import type { Vec3, Volume } from '../volume';
import { createSlicePreprocessor } from './preprocess-slices';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

/** A seeded int16-valued volume (HU) with an LAS affine. */
function volume(shape: Vec3): Volume {
  const data = new Float32Array(shape[0] * shape[1] * shape[2]).map(
    (_, index) => ((index * 2654435761) % 2900) - 1000,
  );
  const affine = [
    [-0.8, 0, 0, 40],
    [0, 0.9, 0, -20],
    [0, 0, 2.5, 10],
    [0, 0, 0, 1],
  ];
  return { data, shape, spacingMm: [0.8, 0.9, 2.5], affine };
}

describe('createSlicePreprocessor', () => {
  it.each([
    ['area, no reorientation', { size: [8, 6, 5], resizeMode: 'area', reorientToRas: false }],
    ['trilinear', { size: [7, 9, 4], resizeMode: 'trilinear', reorientToRas: false }],
    ['area, reoriented to RAS', { size: [8, 6, 5], resizeMode: 'area', reorientToRas: true }],
  ] as const)(
    'equals readNiftiPreprocessed of the same volume, bit for bit: %s',
    async (_name, options) => {
      const folder = await mkdtemp(join(tmpdir(), 'ctf-slices-'));
      folders.push(folder);
      const file = join(folder, 'scan.nii');
      const input = volume([23, 17, 11]);
      await writeNifti(file, input, { datatype: 'int16', intercept: -1024 });
      const { volume: read } = await readNifti(file);
      const full = {
        ...options,
        windowHu: [-500, 1300] as const,
        outputRange: [0, 1] as const,
        spacingMm: null,
      };
      const expected = (await readNiftiPreprocessed(file, full)).volume;
      const [ni, nj, nk] = read.shape;
      const preprocessor = createSlicePreprocessor(read, full);
      for (let k = 0; k < nk; k++) {
        const plane = new Float32Array(ni * nj);
        for (let j = 0; j < nj; j++) {
          for (let i = 0; i < ni; i++) plane[i + ni * j] = read.data[(i * nj + j) * nk + k]!;
        }
        preprocessor.add(k, plane);
      }
      const actual = preprocessor.result();
      expect(actual.shape).toEqual(expected.shape);
      expect(actual.data).toEqual(expected.data);
      expect(actual.affine).toEqual(expected.affine);
    },
  );
});
