import { columnNorms3, linearPart } from '../affine/mat4';
import { NiftiError } from '../errors/nifti-error';
import type { NiftiHeader } from '../header/nifti-header';
import type { Vec3, Volume } from '../volume';
import type { ByteSource } from './byte-source';
import { FrameDecoder } from './decode-frame';
import { readHeaderFrom, seekToFrames } from './read-header';
import { readSlabs } from './read-slabs';

/** A NIfTI file read: its header and one 3D frame as a {@link Volume}. */
export interface NiftiImage {
  header: NiftiHeader;
  volume: Volume;
}

/** The `[ni, nj, nk]` of a header (missing axes are 1). */
export function volumeShape(header: NiftiHeader): Vec3 {
  const [ni = 1, nj = 1, nk = 1] = header.shape;
  return [ni, nj, nk];
}

/**
 * Voxel sizes in mm along i, j, k: the column lengths of the affine (what the affine
 * really maps a voxel step to), or `|pixdim|` where a column is degenerate.
 */
export function volumeSpacing(header: NiftiHeader): Vec3 {
  const norms = columnNorms3(linearPart(header.affine));
  return norms.map((norm, axis) => {
    if (Number.isFinite(norm) && norm > 0) return norm;
    const zoom = axis < header.shape.length ? Math.abs(header.pixdim[axis + 1]!) : 1;
    return Number.isFinite(zoom) && zoom > 0 ? zoom : 1;
  }) as Vec3;
}

/** Checks a frame index against a header. */
export function checkFrame(header: NiftiHeader, frame: number): void {
  if (!Number.isInteger(frame) || frame < 0 || frame >= header.frames) {
    throw new NiftiError({
      code: 'invalid-argument',
      field: 'frame',
      value: frame,
      message: `frame must be an integer in [0, ${header.frames}); got ${frame}`,
    });
  }
}

/**
 * Reads the header and one 3D frame from an opened source (file, bytes or stream): the steps
 * `readNifti` and `decodeNifti` share. `checkHeader` runs after the header is parsed and before
 * any voxel is allocated or inflated (to refuse a 4D or oversized image early).
 */
export async function readImageFrom(
  bytes: ByteSource,
  frame: number,
  checkHeader?: (header: NiftiHeader) => void,
): Promise<NiftiImage> {
  const header = await readHeaderFrom(bytes);
  checkHeader?.(header);
  checkFrame(header, frame);
  await seekToFrames(bytes, header, frame, 1);
  const decoder = new FrameDecoder(header);
  await readSlabs(bytes, header, frame, 1, (slab) => decoder.add(slab));
  await bytes.drain();
  const volume: Volume = {
    data: decoder.data,
    shape: volumeShape(header),
    spacingMm: volumeSpacing(header),
    affine: header.affine.map((row) => [...row]),
  };
  return { header, volume };
}
