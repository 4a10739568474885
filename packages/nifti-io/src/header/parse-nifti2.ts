import type { RawNiftiHeader } from './nifti-header';

/** Size of the NIfTI-2 header in bytes (`sizeof_hdr`). */
export const NIFTI2_HEADER_BYTES = 540;

function readString(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let index = start; index < end && bytes[index] !== 0; index++) {
    out += String.fromCharCode(bytes[index]!);
  }
  return out;
}

/**
 * The raw fields of a NIfTI-2 header (540 bytes: int64 dims and offsets, float64 geometry).
 *
 * Our own decoder: nifti-reader-js's `NIFTI2` combines the two halves of a big-endian
 * int64 wrongly (sign taken from the low word) and reads no `srow_*` unless it picks the
 * sform itself.
 * @param bytes - at least 540 bytes, starting at the header.
 * @param littleEndian - byte order, from `sizeof_hdr`.
 */
export function parseNifti2(bytes: Uint8Array, littleEndian: boolean): RawNiftiHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, NIFTI2_HEADER_BYTES);
  const f64 = (offset: number) => view.getFloat64(offset, littleEndian);
  const i64 = (offset: number) => Number(view.getBigInt64(offset, littleEndian));
  const i32 = (offset: number) => view.getInt32(offset, littleEndian);
  const i16 = (offset: number) => view.getInt16(offset, littleEndian);
  const eight = (start: number, read: (offset: number) => number) =>
    [0, 1, 2, 3, 4, 5, 6, 7].map((index) => read(start + 8 * index));
  const srowAt = (start: number) => [0, 1, 2, 3].map((c) => f64(start + 8 * c));
  return {
    format: 'nifti2',
    littleEndian,
    headerBytes: NIFTI2_HEADER_BYTES,
    magic: readString(bytes, 4, 7),
    datatypeCode: i16(12),
    bitpix: i16(14),
    dim: eight(16, i64),
    pixdim: eight(104, f64),
    voxOffset: i64(168),
    sclSlope: f64(176),
    sclInter: f64(184),
    calMax: f64(192),
    calMin: f64(200),
    sliceDuration: f64(208),
    toffset: f64(216),
    description: readString(bytes, 240, 320),
    qformCode: i32(344),
    sformCode: i32(348),
    quaternBcd: [f64(352), f64(360), f64(368)],
    qoffset: [f64(376), f64(384), f64(392)],
    srow: [srowAt(400), srowAt(432), srowAt(464)],
    xyztUnits: i32(500),
    intentCode: i32(504),
    intentName: readString(bytes, 508, 524),
    dimInfo: bytes[524]!,
  };
}
