import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NiftiError } from '../errors/nifti-error';
import { niftiBytes, randomVolume } from '../testing/nifti-bytes';
import { voxelCount } from '../volume';
import { inspectNifti } from './inspect-nifti';
import { readNifti } from './read-nifti';
import { readNiftiHeader } from './read-nifti-header';
import { readNiftiPreprocessed } from './read-preprocessed';

const FIXTURES = fileURLToPath(new URL('../../fixtures/nifti/', import.meta.url));
const plain = niftiBytes(randomVolume([6, 5, 4], 7));
const BASES: [string, Uint8Array][] = [
  ['int16 .nii', plain],
  ['float32 .nii.gz', niftiBytes(randomVolume([5, 4, 3], 8), { datatype: 'float32', gzip: true })],
  ['big-endian int16', new Uint8Array(readFileSync(`${FIXTURES}be_int16.nii`))],
  ['NIfTI-2', new Uint8Array(readFileSync(`${FIXTURES}nifti2_le.nii`))],
  ['4D float32 .nii.gz', new Uint8Array(readFileSync(`${FIXTURES}4d_float32.nii.gz`))],
];
const SEED = 20240601;
const RUNS = 150;
const HANG_MS = 5000;

type Corruption =
  | { kind: 'truncate'; fraction: number }
  | { kind: 'flip'; positions: number[]; values: number[]; headerOnly: boolean }
  | { kind: 'fields'; writes: { offset: number; bytes: number[] }[] }
  | { kind: 'dims'; dims: number[] }
  | { kind: 'regzip' };

const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({
    kind: fc.constant('truncate' as const),
    fraction: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('flip' as const),
    positions: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
    values: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 12, maxLength: 12 }),
    headerOnly: fc.boolean(),
  }),
  // Overwrite header fields that decide sizes/offsets (dim, datatype, bitpix, pixdim, vox_offset,
  // scaling, codes; NIfTI-1 and NIfTI-2 offsets), several at once.
  fc.record({
    kind: fc.constant('fields' as const),
    writes: fc.array(
      fc.record({
        offset: fc.constantFrom(
          0,
          12,
          16,
          24,
          32,
          40,
          42,
          44,
          46,
          48,
          70,
          72,
          76,
          80,
          108,
          112,
          116,
          168,
          176,
          252,
          254,
          256,
          344,
        ),
        bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 2, maxLength: 8 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
  // Random dim[0..7], often large: the reader must refuse before allocating.
  fc.record({
    kind: fc.constant('dims' as const),
    dims: fc.array(
      fc.oneof(fc.integer({ min: -3, max: 8 }), fc.integer({ min: 1000, max: 32767 })),
      {
        minLength: 8,
        maxLength: 8,
      },
    ),
  }),
  fc.record({ kind: fc.constant('regzip' as const) }),
);

function corrupt(base: Uint8Array, change: Corruption): Uint8Array {
  const bytes = base.slice();
  switch (change.kind) {
    case 'truncate':
      return bytes.slice(0, Math.floor(change.fraction * bytes.length));
    case 'flip': {
      const range = change.headerOnly ? Math.min(bytes.length, 560) : bytes.length;
      change.positions.forEach((position, index) => {
        bytes[position % range] = change.values[index]!;
      });
      return bytes;
    }
    case 'fields':
      for (const { offset, bytes: values } of change.writes) {
        bytes.set(values, Math.min(offset, Math.max(0, bytes.length - values.length)));
      }
      return bytes;
    case 'dims': {
      // Rewrite the dims inside the (inflated) header, then re-compress if the base was gzipped.
      const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
      const raw = gzipped ? new Uint8Array(gunzipSync(bytes)) : bytes;
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      const nifti2 = view.getInt32(0, true) === 540 || view.getInt32(0, false) === 540;
      const little = view.getInt32(0, true) === 348 || view.getInt32(0, true) === 540;
      change.dims.forEach((dim, index) => {
        if (nifti2) view.setBigInt64(16 + 8 * index, BigInt(dim), little);
        else view.setInt16(40 + 2 * index, dim, little);
      });
      return gzipped ? new Uint8Array(gzipSync(raw)) : raw;
    }
    case 'regzip': {
      // A valid gzip stream whose inflated content is corrupted: garbage after a gzip magic.
      const zipped = new Uint8Array(gzipSync(bytes));
      return zipped
        .slice(0, 10 + Math.floor(zipped.length / 3))
        .map((byte, index) => (index > 12 ? byte ^ 0x5a : byte));
    }
  }
}

async function outcome(promise: Promise<unknown>): Promise<'ok' | NiftiError> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: no answer within ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    await Promise.race([promise, hang]);
    return 'ok';
  } catch (error) {
    if (NiftiError.isInstance(error)) return error;
    throw error; // RangeError, TypeError, hang: the property fails
  } finally {
    clearTimeout(timer);
  }
}

describe('random corruptions → a typed NiftiError or a correct read, never a crash or hang', () => {
  it.each(BASES)(
    '%s',
    async (_name, base) => {
      await fc.assert(
        fc.asyncProperty(corruption, async (change) => {
          const bytes = corrupt(base, change);
          const result = await outcome(
            readNifti(bytes).then(({ header, volume }) => {
              expect(volume.data.length).toBe(voxelCount(volume.shape));
              expect(volume.shape).toEqual([0, 1, 2].map((axis) => header.shape[axis] ?? 1));
              expect(volume.affine).toHaveLength(4);
            }),
          );
          if (result !== 'ok') expect(result.message.length).toBeGreaterThan(0);
          // The other entry points behave the same way on the same bytes.
          for (const other of [
            () => readNiftiHeader(bytes),
            () => inspectNifti(bytes),
            () =>
              readNiftiPreprocessed(bytes, {
                windowHu: [-500, 1300],
                outputRange: [0, 1],
                size: [3, 3, 2],
                resizeMode: 'area',
                reorientToRas: false,
                spacingMm: null,
              }),
          ]) {
            await outcome(other());
          }
        }),
        { seed: SEED, numRuns: RUNS },
      );
    },
    120_000,
  );

  it('flipping voxel bytes (header intact) still reads, with the same geometry', async () => {
    const original = await readNifti(plain);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 20,
        }),
        async (flips) => {
          const bytes = plain.slice();
          for (const [position, value] of flips)
            bytes[352 + (position % (bytes.length - 352))] = value;
          const { volume } = await readNifti(bytes);
          expect(volume.shape).toEqual(original.volume.shape);
          expect(volume.affine).toEqual(original.volume.affine);
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });
});
