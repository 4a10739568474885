import { columnNorms3, linearPart } from '../affine/mat4';
import { NiftiError } from '../errors/nifti-error';
import type { NiftiHeader } from '../header/nifti-header';
import type { Vec3, Volume } from '../volume';
import type { ByteSource } from './byte-source';
import { checkFiniteSlab } from './check-finite';
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

/**
 * The frame to read: `frame` checked against the header; without one, 0 for a single-frame
 * image and an error for a 4D+ one (reading frame 0 of a time series or a multi-echo image
 * silently would be wrong).
 * @throws {NiftiError} `multi-frame` without a frame for a 4D+ image; `invalid-argument` for a
 *   frame out of range.
 */
export function checkFrame(header: NiftiHeader, frame: number | undefined): number {
  if (frame === undefined) {
    if (header.frames === 1) return 0;
    throw new NiftiError({
      code: 'multi-frame',
      field: 'dim',
      value: header.shape,
      message:
        `the image must be one 3D volume, got ${header.frames} frames of ` +
        `${volumeShape(header).join(' × ')} (dim ${header.shape.join(' × ')}); save the frame to ` +
        'use as a 3D NIfTI (or pass the frame option to readNifti)',
    });
  }
  if (!Number.isInteger(frame) || frame < 0 || frame >= header.frames) {
    throw new NiftiError({
      code: 'invalid-argument',
      field: 'frame',
      value: frame,
      message: `frame must be an integer in [0, ${header.frames}); got ${frame}`,
    });
  }
  return frame;
}

/**
 * Reads the header and one 3D frame from an opened source (file, bytes or stream): the steps
 * `readNifti` and `decodeNifti` share. `checkHeader` runs after the header is parsed and before
 * any voxel is allocated or inflated (to refuse a 4D or oversized image early). Without a
 * `frame`, a 4D+ image is refused ({@link checkFrame}); with `checkFinite`, a NaN/±∞ voxel is
 * (`non-finite-data`, naming the voxel).
 */
export async function readImageFrom(
  bytes: ByteSource,
  frameAsked: number | undefined,
  checkHeader?: (header: NiftiHeader) => void,
  checkFinite = false,
): Promise<NiftiImage> {
  const header = await readHeaderFrom(bytes);
  checkHeader?.(header);
  const frame = checkFrame(header, frameAsked);
  await seekToFrames(bytes, header, frame, 1);
  const decoder = new FrameDecoder(header);
  await readSlabs(bytes, header, frame, 1, (slab) => {
    if (checkFinite) checkFiniteSlab(header, slab);
    decoder.add(slab);
  });
  await bytes.drain();
  const volume: Volume = {
    data: decoder.data,
    shape: volumeShape(header),
    spacingMm: volumeSpacing(header),
    affine: header.affine.map((row) => [...row]),
  };
  return { header, volume };
}
