import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NiftiError } from '../errors/nifti-error';
import { readNifti } from './read-nifti';
import { readNiftiPreprocessed } from './read-preprocessed';
import { writeNifti } from './write-nifti';

const FIXTURES = fileURLToPath(new URL('../../fixtures/nifti/', import.meta.url));
const IDENTITY = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
];

async function scanWith(value: number, at: number): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'ctf-nifti-finite-')), 'scan.nii');
  const data = new Float32Array(4 * 5 * 6).fill(100);
  data[at] = value;
  await writeNifti(file, { data, shape: [4, 5, 6], spacingMm: [1, 1, 1], affine: IDENTITY });
  return file;
}

const READERS = [
  ['readNifti', (file: string, options = {}) => readNifti(file, options)],
  [
    'readNiftiPreprocessed',
    (file: string, options = {}) =>
      readNiftiPreprocessed(file, {
        windowHu: [-500, 1300],
        outputRange: [0, 1],
        size: [2, 2, 2],
        resizeMode: 'area',
        reorientToRas: false,
        spacingMm: null,
        ...options,
      }),
  ],
  [
    'readNiftiPreprocessed (respacing: read whole)',
    (file: string, options = {}) =>
      readNiftiPreprocessed(file, {
        windowHu: [-500, 1300],
        outputRange: [0, 1],
        size: [2, 2, 2],
        resizeMode: 'area',
        reorientToRas: false,
        spacingMm: [2, 2, 2],
        ...options,
      }),
  ],
] as const;

describe.each(READERS)('%s refuses what a model cannot use', (_name, read) => {
  it.each([
    ['NaN', Number.NaN],
    ['+∞', Number.POSITIVE_INFINITY],
    ['−∞', Number.NEGATIVE_INFINITY],
  ])('a %s voxel, naming the file and the voxel', async (_label, value) => {
    // Model layout index (i·nj + j)·nk + k of voxel (1, 2, 3).
    const file = await scanWith(value, (1 * 5 + 2) * 6 + 3);
    const error = await read(file).catch((caught: unknown) => caught);
    expect(NiftiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'non-finite-data', file });
    expect((error as Error).message).toContain(`${file}: the voxel values must be finite numbers`);
    expect((error as Error).message).toContain('at voxel (1, 2, 3)');
    await expect(read(file, { nonFinite: 'keep' })).resolves.toBeDefined();
  });

  it('a 4D image without a frame; any frame when one is chosen', async () => {
    const file = `${FIXTURES}4d_float32.nii.gz`;
    const error = await read(file).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'multi-frame', file });
    expect((error as Error).message).toMatch(/must be one 3D volume, got 3 frames of 7 × 6 × 5/);
    for (const frame of [0, 2]) await expect(read(file, { frame })).resolves.toBeDefined();
    await expect(read(file, { frame: 3 })).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('a 3D image needs no frame', async () => {
    await expect(read(`${FIXTURES}standard.nii.gz`)).resolves.toBeDefined();
  });
});
