import { gzipSync } from 'node:zlib';
import { SeededRandom } from '@ct-fracture/core';
import { encodeData, WRITABLE, type WritableDatatype } from '../io/encode-data';
import { encodeNifti1Header } from '../io/encode-nifti1';
import type { Mat4, Vec3, Volume } from '../volume';

/** Test support: a seeded source of floats in [0, 1) (core's `SeededRandom` on mulberry32). */
export function seededRandom(seed: number): () => number {
  const random = new SeededRandom(seed, 'mulberry32');
  return () => random.next();
}

/** Test support: an LPS, DICOM-like affine. */
export const LPS_AFFINE: Mat4 = [
  [-0.7, 0, 0, 100],
  [0, -0.7, 0, 50],
  [0, 0, 1.5, -300],
  [0, 0, 0, 1],
];

/** Test support: a volume of seeded integer HU-like values. */
export function randomVolume(shape: Vec3, seed: number, affine: Mat4 = LPS_AFFINE): Volume {
  const next = seededRandom(seed);
  const data = new Float32Array(shape[0] * shape[1] * shape[2]);
  for (let index = 0; index < data.length; index++) data[index] = Math.floor(next() * 2800) - 1024;
  return { data, shape, spacingMm: [0.7, 0.7, 1.5], affine };
}

/** Test support: the bytes of a single-file NIfTI-1 holding `volume` (optionally gzipped). */
export function niftiBytes(
  volume: Volume,
  options: { datatype?: WritableDatatype; gzip?: boolean; slope?: number; intercept?: number } = {},
): Uint8Array {
  const datatype = options.datatype ?? 'int16';
  const slope = options.slope ?? 1;
  const intercept = options.intercept ?? 0;
  const header = encodeNifti1Header({
    shape: volume.shape,
    affine: volume.affine,
    datatypeCode: WRITABLE[datatype].code,
    bitpix: 8 * WRITABLE[datatype].bytes,
    slope,
    intercept,
    formCode: 1,
    description: 'test',
  });
  const data = encodeData(volume.data, volume.shape, datatype, slope, intercept);
  const bytes = new Uint8Array(header.length + data.length);
  bytes.set(header);
  bytes.set(data, header.length);
  return options.gzip ? new Uint8Array(gzipSync(bytes)) : bytes;
}
