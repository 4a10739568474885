import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NiftiError } from '../errors/nifti-error';
import type { Volume } from '../volume';
import { decodeNifti } from './decode-nifti';
import { encodeNifti } from './encode-nifti';
import { writeNifti } from './write-nifti';

let dir: string;
const volume: Volume = {
  data: Float32Array.from({ length: 5 * 4 * 3 }, (_, index) => Math.sin(index) * 1000),
  shape: [5, 4, 3],
  spacingMm: [0.8, 0.9, 2],
  affine: [
    [-0.8, 0, 0, 30],
    [0, 0.9, 0.1, -20],
    [0, 0, 2, 5],
    [0, 0, 0, 1],
  ],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctf-encode-nifti-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('encodeNifti (browser-safe)', () => {
  it.each([
    ['float32', {}],
    ['int16 with intercept', { datatype: 'int16', intercept: -1024 }],
  ] as const)('%s: the bytes writeNifti writes', async (_, options) => {
    await writeNifti(join(dir, 'a.nii'), volume, options);
    await writeNifti(join(dir, 'a.nii.gz'), volume, options);
    const plain = await encodeNifti(volume, options);
    const gzipped = await encodeNifti(volume, { ...options, compress: true });
    expect(Buffer.from(plain)).toEqual(await readFile(join(dir, 'a.nii')));
    expect(gunzipSync(gzipped)).toEqual(gunzipSync(await readFile(join(dir, 'a.nii.gz'))));
    const back = await decodeNifti(gzipped);
    expect(back.volume.shape).toEqual(volume.shape);
  });

  it('checks the volume as writeNifti does', async () => {
    const error = await encodeNifti({ ...volume, data: new Float32Array(3) }).catch(
      (caught: unknown) => caught,
    );
    expect(NiftiError.isInstance(error)).toBe(true);
    expect((error as NiftiError).message).toBe('data must hold 5×4×3 = 60 values; got 3');
  });
});
