import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { NiftiError } from '../errors/nifti-error';
import { decodeNifti } from './decode-nifti';
import { readNifti } from './read-nifti';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'nifti');
const files = readdirSync(FIXTURES).filter((name) => /\.nii(\.gz)?$/.test(name));

/** What readNifti (Node zlib, file reads) says about a fixture: the image, or the error code. */
async function reference(file: string) {
  return readNifti(join(FIXTURES, file)).then(
    (image) => ({ image, code: undefined }),
    (error: NiftiError) => ({ image: undefined, code: error.code }),
  );
}

describe('decodeNifti (browser-safe: Blob / bytes, DecompressionStream)', () => {
  it.each(files)('%s: the same image (or the same refusal) as readNifti', async (file) => {
    const bytes = new Uint8Array(await readFile(join(FIXTURES, file)));
    const want = await reference(file);
    for (const source of [bytes, new File([bytes], file)]) {
      const got = await decodeNifti(source, { file }).then(
        (image) => ({ image, code: undefined }),
        (error: NiftiError) => ({ image: undefined, code: error.code }),
      );
      expect(got.code).toBe(want.code);
      if (want.image === undefined) continue;
      expect(got.image!.header).toEqual(want.image.header);
      expect(got.image!.volume.shape).toEqual(want.image.volume.shape);
      expect(got.image!.volume.affine).toEqual(want.image.volume.affine);
      expect(got.image!.volume.spacingMm).toEqual(want.image.volume.spacingMm);
      expect(Buffer.from(got.image!.volume.data.buffer)).toEqual(
        Buffer.from(want.image.volume.data.buffer),
      );
    }
  });

  it('names the File in its errors', async () => {
    const error = await decodeNifti(new File([new Uint8Array(100)], 'notes.nii')).catch(
      (caught: unknown) => caught,
    );
    expect(NiftiError.isInstance(error)).toBe(true);
    expect((error as NiftiError).message).toMatch(/^notes\.nii: /);
  });

  it.each([
    ['a gzip stream cut short', (gz: Uint8Array) => gz.subarray(0, gz.length - 40), 'corrupt-gzip'],
    [
      'a gzip stream with damaged deflate data',
      (gz: Uint8Array) => {
        const bad = gz.slice();
        bad.fill(0xff, 20, 60);
        return bad;
      },
      'corrupt-gzip',
    ],
  ])('%s → NiftiError %s', async (_, damage, code) => {
    const plain = new Uint8Array(await readFile(join(FIXTURES, 'uint8.nii')));
    const error = await decodeNifti(damage(new Uint8Array(gzipSync(plain))), {
      file: 'x.nii.gz',
    }).catch((caught: unknown) => caught);
    expect(NiftiError.isInstance(error)).toBe(true);
    expect((error as NiftiError).code).toBe(code);
  });

  it('runs checkHeader before reading the data, so a caller can refuse a 4D image', async () => {
    const bytes = new Uint8Array(await readFile(join(FIXTURES, '4d_float32.nii.gz')));
    const seen: number[] = [];
    const error = await decodeNifti(bytes, {
      checkHeader: (header) => {
        seen.push(header.frames);
        if (header.frames > 1) throw new Error(`4D: ${header.shape.join('×')}`);
      },
    }).catch((caught: unknown) => caught);
    expect(seen).toEqual([expect.any(Number)]);
    expect(seen[0]).toBeGreaterThan(1);
    expect((error as Error).message).toMatch(/^4D: \d+×\d+×\d+×\d+$/);
  });
});
