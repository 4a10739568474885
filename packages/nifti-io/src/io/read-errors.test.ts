import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NiftiError, type NiftiErrorCode } from '../errors/nifti-error';
import { niftiBytes, randomVolume } from '../testing/nifti-bytes';
import { readNifti } from './read-nifti';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nifti-io-errors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const valid = () => niftiBytes(randomVolume([4, 3, 2], 1));

function edit(change: (view: DataView, bytes: Uint8Array) => void): Uint8Array {
  const bytes = valid();
  change(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes);
  return bytes;
}

const cases: [string, () => Uint8Array, NiftiErrorCode][] = [
  ['empty file', () => new Uint8Array(0), 'truncated-header'],
  ['header cut at 200 bytes', () => valid().slice(0, 200), 'truncated-header'],
  ['sizeof_hdr 349', () => edit((v) => v.setInt32(0, 349, true)), 'bad-magic'],
  [
    "magic 'ni1' (hdr/img pair)",
    () => edit((_v, b) => b.set([0x6e, 0x69, 0x31], 344)),
    'bad-magic',
  ],
  ['magic garbage', () => edit((_v, b) => b.set([0x41, 0x42, 0x43], 344)), 'bad-magic'],
  [
    'gzip magic then garbage',
    () => new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
    'corrupt-gzip',
  ],
  ['gzip cut in the middle', () => new Uint8Array(gzipSync(valid())).slice(0, 60), 'corrupt-gzip'],
  ['data cut short', () => valid().slice(0, 352 + 10), 'truncated-data'],
  [
    'vox_offset past the end',
    () => edit((v) => v.setFloat32(108, 100000, true)),
    'vox-offset-past-end',
  ],
  [
    'vox_offset inside the header',
    () => edit((v) => v.setFloat32(108, 100, true)),
    'invalid-header',
  ],
  ['vox_offset NaN', () => edit((v) => v.setFloat32(108, Number.NaN, true)), 'invalid-header'],
  ['dim[0] = 0', () => edit((v) => v.setInt16(40, 0, true)), 'dims-inconsistent'],
  ['dim[0] = 9', () => edit((v) => v.setInt16(40, 9, true)), 'dims-inconsistent'],
  ['negative dim[2]', () => edit((v) => v.setInt16(44, -3, true)), 'dims-inconsistent'],
  ['dims larger than the file', () => edit((v) => v.setInt16(42, 30000, true)), 'truncated-data'],
  [
    'dims far larger than a gzip file can hold',
    () =>
      new Uint8Array(
        gzipSync(
          edit((v) => {
            for (const offset of [42, 44, 46]) v.setInt16(offset, 32000, true);
          }),
        ),
      ),
    'dims-inconsistent',
  ],
  ['datatype complex64', () => edit((v) => v.setInt16(70, 32, true)), 'unsupported-datatype'],
  ['datatype RGB', () => edit((v) => v.setInt16(70, 128, true)), 'unsupported-datatype'],
  ['datatype unknown code', () => edit((v) => v.setInt16(70, 3, true)), 'unsupported-datatype'],
  [
    'infinite intercept',
    () => edit((v) => v.setFloat32(116, Number.POSITIVE_INFINITY, true)),
    'invalid-header',
  ],
  [
    'qform only, non-unit quaternion',
    () =>
      edit((v) => {
        v.setInt16(254, 0, true);
        v.setFloat32(256, 0.9, true);
        v.setFloat32(260, 0.9, true);
      }),
    'invalid-header',
  ],
  [
    'qform only, negative pixdim',
    () =>
      edit((v) => {
        v.setInt16(254, 0, true);
        v.setFloat32(80, -1, true);
      }),
    'invalid-header',
  ],
];

describe('readNifti on bad files', () => {
  it.each(cases)('%s → NiftiError %s, naming the file', async (name, make, code) => {
    const path = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.nii`);
    await writeFile(path, make());
    const error = await readNifti(path).catch((caught: unknown) => caught);
    expect(NiftiError.isInstance(error), String(error)).toBe(true);
    expect((error as NiftiError).code).toBe(code);
    expect((error as NiftiError).file).toBe(path);
    expect((error as NiftiError).message.startsWith(`${path}: `)).toBe(true);
    expect((error as NiftiError).message).not.toContain('\n');
  });

  it.each(cases)('%s → the same code from in-memory bytes', async (_name, make, code) => {
    const error = await readNifti(make(), { file: 'bytes.nii' }).catch((caught: unknown) => caught);
    expect((error as NiftiError).code).toBe(code);
    expect((error as NiftiError).file).toBe('bytes.nii');
  });

  it('a missing file → io error naming it', async () => {
    const path = join(dir, 'missing.nii.gz');
    const error = await readNifti(path).catch((caught: unknown) => caught);
    expect((error as NiftiError).code).toBe('io');
    expect((error as NiftiError).message).toContain(path);
  });

  it.each([[-1], [1], [0.5]])('frame %s of a 3D file → invalid-argument', async (frame) => {
    const error = await readNifti(valid(), { frame }).catch((caught: unknown) => caught);
    expect((error as NiftiError).code).toBe('invalid-argument');
  });

  it('reads a file with trailing bytes after the data', async () => {
    const bytes = valid();
    const longer = new Uint8Array(bytes.length + 7);
    longer.set(bytes);
    const { volume } = await readNifti(longer);
    expect(volume.shape).toEqual([4, 3, 2]);
  });
});
