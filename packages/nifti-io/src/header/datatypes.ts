import { NiftiError } from '../errors/nifti-error';

/** The on-disk voxel types this package reads (numpy names, as nibabel reports them). */
export type NiftiDatatype =
  | 'uint8'
  | 'int8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float32'
  | 'float64';

/** NIfTI `datatype` code and bytes per voxel of each supported type. */
export const DATATYPES: Readonly<Record<NiftiDatatype, { code: number; bytes: number }>> = {
  uint8: { code: 2, bytes: 1 },
  int16: { code: 4, bytes: 2 },
  int32: { code: 8, bytes: 4 },
  float32: { code: 16, bytes: 4 },
  float64: { code: 64, bytes: 8 },
  int8: { code: 256, bytes: 1 },
  uint16: { code: 512, bytes: 2 },
  uint32: { code: 768, bytes: 4 },
  int64: { code: 1024, bytes: 8 },
  uint64: { code: 1280, bytes: 8 },
};

/** Names of the NIfTI datatypes this package does not read, for error messages. */
const UNSUPPORTED_NAMES: Readonly<Record<number, string>> = {
  0: 'unknown',
  1: 'binary',
  32: 'complex64',
  128: 'rgb24',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'rgba32',
};

/**
 * The datatype of a NIfTI `datatype` code.
 * @throws {NiftiError} `unsupported-datatype` for complex, RGB, binary, float128 or unknown codes.
 */
export function datatypeFromCode(code: number): NiftiDatatype {
  for (const [name, info] of Object.entries(DATATYPES)) {
    if (info.code === code) return name as NiftiDatatype;
  }
  const known = UNSUPPORTED_NAMES[code];
  throw new NiftiError({
    code: 'unsupported-datatype',
    field: 'datatype',
    value: code,
    message:
      `datatype must be one of ${Object.keys(DATATYPES).join(', ')}; ` +
      `got code ${code}${known === undefined ? '' : ` (${known})`}, which is not supported`,
  });
}
