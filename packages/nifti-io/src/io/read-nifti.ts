import { columnNorms3, linearPart } from '../affine/mat4';
import { NiftiError } from '../errors/nifti-error';
import type { NiftiHeader } from '../header/nifti-header';
import type { Vec3, Volume } from '../volume';
import { checkFiniteSlab, type NonFiniteVoxels } from './check-finite';
import { FrameDecoder } from './decode-frame';
import { readHeaderFrom, seekToFrames } from './read-header';
import { readSlabs } from './read-slabs';
import { withByteSource } from './with-source';

/** A NIfTI file read: its header and one 3D frame as a {@link Volume}. */
export interface NiftiImage {
  header: NiftiHeader;
  volume: Volume;
}

/** Options of {@link readNifti}. */
export interface ReadNiftiOptions {
  /**
   * Which 3D frame of a 4D+ image to read (index over `dim[4..7]` flattened). Required for an
   * image of more than one frame (there is no silent default); a 3D image has frame 0 only.
   */
  frame?: number;
  /** NaN or ±∞ voxels: `'error'` (default, a `non-finite-data` error) or `'keep'`. */
  nonFinite?: NonFiniteVoxels;
  /** A name for in-memory bytes in error messages. */
  file?: string;
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
 * Reads a NIfTI-1 or NIfTI-2 file (`.nii` or `.nii.gz`, gzip detected by content, either byte
 * order) as nibabel reads it: the scaled data of one 3D frame in model layout, nibabel's affine.
 *
 * Memory: the result (4 bytes per voxel) plus one ~8 MiB slab; gzip is inflated as a stream.
 * @param source - a file path, or the file's bytes.
 * @returns `header` (all fields, nibabel's derived values) and `volume`: `data` float32 in C
 *   order over `[ni, nj, nk]` (k fastest; `scl_slope`/`scl_inter` applied), `affine` by
 *   nibabel's rules (sform, else qform, else fallback), `spacingMm` = the affine's column lengths.
 * @throws {NiftiError} `io`, `truncated-header`, `truncated-data`, `bad-magic`, `corrupt-gzip`,
 *   `vox-offset-past-end`, `dims-inconsistent`, `unsupported-datatype`, `invalid-header`
 *   (naming the file), `non-finite-data` for a NaN/±∞ voxel (unless `nonFinite: 'keep'`),
 *   `multi-frame` for a 4D+ image without `frame`, or `invalid-argument` for a frame out of range.
 * @example
 * ```ts
 * const { header, volume } = await readNifti('scan.nii.gz');
 * const [ni, nj, nk] = volume.shape;
 * const hu = volume.data[(10 * nj + 20) * nk + 30]; // voxel (10, 20, 30)
 * ```
 */
export async function readNifti(
  source: string | Uint8Array,
  options: ReadNiftiOptions = {},
): Promise<NiftiImage> {
  return withByteSource(source, options.file, async (bytes) => {
    const header = await readHeaderFrom(bytes);
    const frame = checkFrame(header, options.frame);
    const checkFinite = (options.nonFinite ?? 'error') === 'error';
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
  });
}
