import { NiftiError } from '../errors/nifti-error';
import { finishHeader } from './finish-header';
import type { NiftiHeader } from './nifti-header';
import { NIFTI1_HEADER_BYTES, parseNifti1 } from './parse-nifti1';
import { NIFTI2_HEADER_BYTES, parseNifti2 } from './parse-nifti2';

/** The format and byte order told by `sizeof_hdr` (the first 4 bytes). */
export interface HeaderKind {
  format: 'nifti1' | 'nifti2';
  littleEndian: boolean;
  headerBytes: number;
}

/**
 * Identifies the header from its first 4 bytes (`sizeof_hdr` = 348 or 540, in either
 * byte order, as nibabel does).
 * @throws {NiftiError} `truncated-header` for fewer than 4 bytes, `bad-magic` otherwise.
 */
export function headerKind(first: Uint8Array): HeaderKind {
  if (first.length < 4) {
    throw new NiftiError({
      code: 'truncated-header',
      offset: first.length,
      message: `a NIfTI header must be at least ${NIFTI1_HEADER_BYTES} bytes; the file has ${first.length}`,
    });
  }
  const view = new DataView(first.buffer, first.byteOffset, 4);
  for (const littleEndian of [true, false]) {
    const size = view.getInt32(0, littleEndian);
    if (size === NIFTI1_HEADER_BYTES) {
      return { format: 'nifti1', littleEndian, headerBytes: NIFTI1_HEADER_BYTES };
    }
    if (size === NIFTI2_HEADER_BYTES) {
      return { format: 'nifti2', littleEndian, headerBytes: NIFTI2_HEADER_BYTES };
    }
  }
  throw new NiftiError({
    code: 'bad-magic',
    field: 'sizeof_hdr',
    offset: 0,
    value: view.getInt32(0, true),
    message: `sizeof_hdr must be 348 (NIfTI-1) or 540 (NIfTI-2) in either byte order; got ${view.getInt32(0, true)} (little-endian) / ${view.getInt32(0, false)} (big-endian)`,
  });
}

/**
 * Parses and validates a NIfTI-1 or NIfTI-2 header from its bytes.
 * @param bytes - the (uncompressed) start of the file: at least the 348/540 header bytes.
 * @param compressed - whether the file on disk is gzipped (recorded in the header).
 * @throws {NiftiError} `truncated-header`, `bad-magic`, `dims-inconsistent`,
 *   `unsupported-datatype`, `invalid-header`.
 */
export function parseHeaderBytes(bytes: Uint8Array, compressed: boolean): NiftiHeader {
  const kind = headerKind(bytes);
  if (bytes.length < kind.headerBytes) {
    throw new NiftiError({
      code: 'truncated-header',
      offset: bytes.length,
      message: `a ${kind.format} header must be ${kind.headerBytes} bytes; the file has ${bytes.length}`,
    });
  }
  const raw =
    kind.format === 'nifti1'
      ? parseNifti1(bytes, kind.littleEndian)
      : parseNifti2(bytes, kind.littleEndian);
  return finishHeader(raw, compressed);
}
