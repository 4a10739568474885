import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NiftiError } from '../errors/nifti-error';
import { isGzip } from '../gzip';
import type { Volume } from '../volume';
import { readNifti } from './read-nifti';
import { writeNifti } from './write-nifti';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nifti-io-write-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function ramp(shape: [number, number, number], affine: number[][]): Volume {
  const [ni, nj, nk] = shape;
  const data = new Float32Array(ni * nj * nk);
  for (let i = 0; i < ni; i++)
    for (let j = 0; j < nj; j++)
      for (let k = 0; k < nk; k++) data[(i * nj + j) * nk + k] = 100 * i + 10 * j + k - 1024;
  return { data, shape, spacingMm: [1, 1, 1], affine };
}

const OBLIQUE = [
  [0.9, -0.3, 0.1, -20.5],
  [0.3, 0.95, 0.2, 14.25],
  [-0.1, -0.2, 2.4, 3],
  [0, 0, 0, 1],
];
const LPS = [
  [-0.7, 0, 0, 100],
  [0, -0.7, 0, 50],
  [0, 0, 1.5, -300],
  [0, 0, 0, 1],
];

describe('writeNifti → readNifti round trip', () => {
  it.each([
    ['float32 .nii, oblique', 'a.nii', OBLIQUE, {}],
    ['float32 .nii.gz, LPS', 'b.nii.gz', LPS, {}],
    [
      'int16 with intercept −1024',
      'c.nii.gz',
      LPS,
      { datatype: 'int16' as const, intercept: -1024 },
    ],
    ['int16 with slope 0.5', 'd.nii', OBLIQUE, { datatype: 'int16' as const, slope: 0.5 }],
  ])('%s', async (_name, file, affine, options) => {
    const volume = ramp([5, 4, 3], affine);
    const path = join(dir, file);
    await writeNifti(path, volume, options);
    expect(isGzip(new Uint8Array(await readFile(path)))).toBe(file.endsWith('.gz'));
    const { header, volume: back } = await readNifti(path);
    expect(back.shape).toEqual([5, 4, 3]);
    expect(Array.from(back.data)).toEqual(Array.from(volume.data));
    expect(header.sformCode).toBe(2);
    expect(header.qformCode).toBe(2);
    for (let r = 0; r < 4; r++)
      for (let c = 0; c < 4; c++) expect(back.affine[r]![c]).toBeCloseTo(affine[r]![c]!, 5);
    // Written again, read again: bit-identical.
    await writeNifti(join(dir, `again-${file}`), back, options);
    const again = await readNifti(join(dir, `again-${file}`));
    expect(again.volume.affine).toEqual(back.affine);
    expect(Array.from(again.volume.data)).toEqual(Array.from(back.data));
  });

  it('leaves no temporary file behind', async () => {
    const names = await readdir(dir);
    expect(names.filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it.each([
    ['value outside int16', { datatype: 'int16' as const }, 'unrepresentable-value', 40000],
    ['NaN in int16', { datatype: 'int16' as const }, 'unrepresentable-value', Number.NaN],
    ['slope 0', { slope: 0 }, 'invalid-argument', 1],
  ])('%s → NiftiError %s', async (_name, options, code, value) => {
    const volume = ramp([2, 2, 2], LPS);
    volume.data[3] = value;
    const path = join(dir, 'bad.nii');
    const error = await writeNifti(path, volume, options).catch((caught: unknown) => caught);
    expect(NiftiError.isInstance(error)).toBe(true);
    expect((error as NiftiError).code).toBe(code);
    expect((error as NiftiError).file).toBe(path);
  });

  it('names a missing directory in an io error', async () => {
    const path = join(dir, 'missing', 'x.nii');
    const error = await writeNifti(path, ramp([2, 2, 2], LPS)).catch((caught: unknown) => caught);
    expect((error as NiftiError).code).toBe('io');
    expect((error as NiftiError).message).toContain(path);
  });
});
