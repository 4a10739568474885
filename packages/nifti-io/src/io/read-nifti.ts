import type { NonFiniteVoxels } from './check-finite';
import { type NiftiImage, readImageFrom } from './read-image';
import { withByteSource } from './with-source';

export { checkFrame, type NiftiImage, volumeShape, volumeSpacing } from './read-image';

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
  const checkFinite = (options.nonFinite ?? 'error') === 'error';
  return withByteSource(source, options.file, (bytes) =>
    readImageFrom(bytes, options.frame, undefined, checkFinite),
  );
}
