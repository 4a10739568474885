import type { NiftiHeader } from '../header/nifti-header';
import { allocateFor } from './allocate';
import type { ByteSource } from './byte-source';
import { truncatedData } from './read-header';

/** Voxel values of one slab as a typed array (int64/uint64 already widened to float64). */
export type RawArray =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

/**
 * Consecutive k-slices of one 3D frame in file order: `values[i + ni·(j + nj·kk)]` is voxel
 * `(i, j, kStart + kk)`, raw (unscaled), in host byte order.
 */
export interface Slab {
  values: RawArray;
  frame: number;
  kStart: number;
  kCount: number;
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const DEFAULT_SLAB_BYTES = 8 << 20;

function swapBytes(bytes: Uint8Array, width: number): void {
  for (let offset = 0; offset < bytes.length; offset += width) {
    for (let low = offset, high = offset + width - 1; low < high; low++, high--) {
      const keep = bytes[low]!;
      bytes[low] = bytes[high]!;
      bytes[high] = keep;
    }
  }
}

function typedView(header: NiftiHeader, buffer: ArrayBuffer, length: number): RawArray {
  switch (header.datatype) {
    case 'uint8':
      return new Uint8Array(buffer, 0, length);
    case 'int8':
      return new Int8Array(buffer, 0, length);
    case 'int16':
      return new Int16Array(buffer, 0, length);
    case 'uint16':
      return new Uint16Array(buffer, 0, length);
    case 'int32':
      return new Int32Array(buffer, 0, length);
    case 'uint32':
      return new Uint32Array(buffer, 0, length);
    case 'float32':
      return new Float32Array(buffer, 0, length);
    case 'float64':
      return new Float64Array(buffer, 0, length);
    case 'int64':
      return Float64Array.from(new BigInt64Array(buffer, 0, length), Number);
    case 'uint64':
      return Float64Array.from(new BigUint64Array(buffer, 0, length), Number);
  }
}

/**
 * Streams frames `[firstFrame, firstFrame + frameCount)` from a source positioned at the first
 * of them, a few k-slices at a time (about `slabBytes` each), into `onSlab`. Only one slab
 * buffer is allocated, so memory stays at one slab however large the image.
 * @throws {NiftiError} `truncated-data` when the source ends early; `corrupt-gzip` from the inflater.
 */
export async function readSlabs(
  source: ByteSource,
  header: NiftiHeader,
  firstFrame: number,
  frameCount: number,
  onSlab: (slab: Slab) => void,
  slabBytes = DEFAULT_SLAB_BYTES,
): Promise<void> {
  const [ni = 1, nj = 1, nk = 1] = header.shape;
  const sliceVoxels = ni * nj;
  const sliceBytes = sliceVoxels * header.bytesPerVoxel;
  const slicesPerSlab = Math.max(1, Math.min(nk, Math.floor(slabBytes / sliceBytes)));
  const buffer = allocateFor(
    header,
    slicesPerSlab * sliceVoxels,
    slicesPerSlab * sliceBytes,
    () => new ArrayBuffer(slicesPerSlab * sliceBytes),
  );
  const frameBytes = header.frameVoxels * header.bytesPerVoxel;
  let position = header.voxOffset + firstFrame * frameBytes;
  const needed = position + frameCount * frameBytes;
  for (let frame = firstFrame; frame < firstFrame + frameCount; frame++) {
    for (let kStart = 0; kStart < nk; kStart += slicesPerSlab) {
      const kCount = Math.min(slicesPerSlab, nk - kStart);
      const bytes = new Uint8Array(buffer, 0, kCount * sliceBytes);
      const got = await source.read(bytes);
      if (got < bytes.length) throw truncatedData(header, position + got, needed);
      position += got;
      if (header.bytesPerVoxel > 1 && header.littleEndian !== HOST_LITTLE_ENDIAN) {
        swapBytes(bytes, header.bytesPerVoxel);
      }
      onSlab({ values: typedView(header, buffer, kCount * sliceVoxels), frame, kStart, kCount });
    }
  }
}
