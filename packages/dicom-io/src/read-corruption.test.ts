import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DicomError } from './errors/dicom-error';
import { readDicomSeries } from './read-dicom-series';
import type { DicomInput } from './series/dicom-input';
import { seriesFolder } from './testing/fixtures';
import { LAS, makeVolume } from './testing/make-volume';
import { encodeDicomSeries } from './write/encode-series';

function fixture(name: string): DicomInput[] {
  return readdirSync(seriesFolder(name))
    .sort()
    .map((file) => ({
      name: file,
      bytes: new Uint8Array(readFileSync(join(seriesFolder(name), file))),
    }));
}

const BASES: Record<string, DicomInput[]> = {
  explicit: encodeDicomSeries(makeVolume([6, 5, 4], LAS), { uidKey: 'fuzz' }),
  rle: fixture('signed-slope-rle'),
  'jpeg-lossless': fixture('signed-slope-jpeg-lossless'),
  'jpeg-2000': fixture('signed-slope-jpeg2000'),
  multiframe: fixture('multiframe'),
};

/** One corruption of one file: bytes overwritten, the file cut short, or bytes inserted. */
const corruption = fc.oneof(
  fc.record({
    kind: fc.constant('overwrite' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('truncate' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
);

type Corruption = typeof corruption extends fc.Arbitrary<infer T> ? T : never;

function corrupt(bytes: Uint8Array, change: Corruption): Uint8Array {
  // Most corruptions land in the header (the first 600 bytes), where the parser is exercised.
  const span = Math.min(bytes.length, change.at < 0.7 ? 600 : bytes.length);
  const at = Math.floor((change.at < 0.7 ? change.at / 0.7 : (change.at - 0.7) / 0.3) * span);
  if (change.kind === 'truncate') return bytes.slice(0, at);
  if (change.kind === 'overwrite') {
    const out = bytes.slice();
    out.set(change.bytes.subarray(0, Math.max(0, out.length - at)), at);
    return out;
  }
  const out = new Uint8Array(bytes.length + change.bytes.length);
  out.set(bytes.subarray(0, at));
  out.set(change.bytes, at);
  out.set(bytes.subarray(at), at + change.bytes.length);
  return out;
}

const HANG_MS = 15_000;

describe('readDicomSeries on corrupted series', () => {
  it.each(Object.keys(BASES))(
    '%s: a typed error or a well-formed volume, never a crash or a hang',
    async (base) => {
      const inputs = BASES[base]!;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat({ max: inputs.length - 1 }), corruption), {
            minLength: 1,
            maxLength: 3,
          }),
          async (changes) => {
            const damaged = inputs.map(
              (input) => ({ ...input }) as { name: string; bytes: Uint8Array },
            );
            for (const [file, change] of changes)
              damaged[file]!.bytes = corrupt(damaged[file]!.bytes, change);
            let timer: ReturnType<typeof setTimeout> | undefined;
            const hang = new Promise<never>((_, reject) => {
              timer = setTimeout(
                () => reject(new Error(`no answer within ${HANG_MS} ms`)),
                HANG_MS,
              );
            });
            try {
              const read = await Promise.race([readDicomSeries(damaged), hang]);
              const [ni, nj, nk] = read.volume.shape;
              expect(read.volume.data.length).toBe(ni * nj * nk);
              expect(read.volume.data.every(Number.isFinite)).toBe(true);
              expect(read.volume.affine.flat().every(Number.isFinite)).toBe(true);
            } catch (error) {
              if (!DicomError.isInstance(error)) throw error;
              expect(error.message.length).toBeGreaterThan(0);
            } finally {
              clearTimeout(timer);
            }
          },
        ),
        { numRuns: 60, seed: 20240607 },
      );
    },
  );
});
