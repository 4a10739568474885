import { NiftiError } from '../errors/nifti-error';
import type { Vec3 } from '../volume';

/** On-disk types {@link writeNifti} can write. */
export type WritableDatatype = 'float32' | 'int16' | 'uint8';

/** NIfTI code, bytes per voxel and integer range of each writable type. */
export const WRITABLE: Readonly<
  Record<WritableDatatype, { code: number; bytes: number; min: number; max: number }>
> = {
  float32: { code: 16, bytes: 4, min: -Infinity, max: Infinity },
  int16: { code: 4, bytes: 2, min: -32768, max: 32767 },
  uint8: { code: 2, bytes: 1, min: 0, max: 255 },
};

/** numpy's `rint`: round half to even. */
function roundHalfEven(value: number): number {
  const rounded = Math.round(value);
  return Math.abs(value % 1) === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

/**
 * The voxel data in NIfTI disk order (i fastest, little-endian): `(value − intercept) / slope`,
 * rounded half to even for integer types.
 * @param data - C order over `shape` (k fastest), as {@link Volume.data}.
 * @throws {NiftiError} `unrepresentable-value` for NaN/±∞ in an integer type or a value
 *   outside its range, naming the voxel.
 */
export function encodeData(
  data: Float32Array,
  shape: Vec3,
  datatype: WritableDatatype,
  slope: number,
  intercept: number,
): Uint8Array {
  const [ni, nj, nk] = shape;
  const info = WRITABLE[datatype];
  const buffer = new ArrayBuffer(data.length * info.bytes);
  const out =
    datatype === 'float32'
      ? new Float32Array(buffer)
      : datatype === 'int16'
        ? new Int16Array(buffer)
        : new Uint8Array(buffer);
  const integer = datatype !== 'float32';
  const identity = slope === 1 && intercept === 0;
  const sliceVoxels = ni * nj;
  const block = 16;
  for (let k0 = 0; k0 < nk; k0 += block) {
    const kEnd = Math.min(nk, k0 + block);
    for (let j = 0; j < nj; j++) {
      for (let i = 0; i < ni; i++) {
        const inBase = (i * nj + j) * nk;
        for (let k = k0; k < kEnd; k++) {
          const value = data[inBase + k]!;
          let stored = identity ? value : (value - intercept) / slope;
          if (integer) {
            stored = roundHalfEven(stored);
            if (!(stored >= info.min && stored <= info.max)) {
              throw new NiftiError({
                code: 'unrepresentable-value',
                field: 'data',
                value,
                message: `every value must fit ${datatype} after (value − ${intercept}) / ${slope}: [${info.min}, ${info.max}]; voxel (${i}, ${j}, ${k}) is ${value}`,
              });
            }
          }
          out[i + ni * j + sliceVoxels * k] = stored;
        }
      }
    }
  }
  return new Uint8Array(buffer);
}
