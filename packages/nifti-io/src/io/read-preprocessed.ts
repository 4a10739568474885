import { checkShape } from '../preprocess/check-options';
import { type PreprocessOptions, preprocessVolume } from '../preprocess/preprocess-volume';
import { fullOrientation, reorientToRas } from '../preprocess/reorient';
import { checkMode, resizedGeometry } from '../preprocess/resize-volume';
import { SlabResizer } from '../preprocess/slab-resizer';
import { windowMap } from '../preprocess/window';
import type { Vec3, Volume } from '../volume';
import { checkFiniteSlab, type NonFiniteVoxels } from './check-finite';
import { readHeaderFrom, seekToFrames } from './read-header';
import { checkFrame, type NiftiImage, readNifti, volumeShape, volumeSpacing } from './read-nifti';
import { readSlabs } from './read-slabs';
import { withByteSource } from './with-source';

/** Options of {@link readNiftiPreprocessed}: the recipe, and where to read. */
export interface ReadPreprocessedOptions extends PreprocessOptions {
  /** Which 3D frame of a 4D+ image (required for one; see {@link readNifti}). */
  readonly frame?: number;
  /** NaN or ±∞ voxels: `'error'` (default, a `non-finite-data` error) or `'keep'`. */
  readonly nonFinite?: NonFiniteVoxels;
  /** A name for in-memory bytes in error messages. */
  readonly file?: string;
}

/**
 * Reads a NIfTI file straight into model input: {@link preprocessVolume}'s recipe (reorient →
 * respace → window → resize) applied to the file. Without respacing it is fused: the file is
 * inflated as a stream and each slab of slices is scaled, windowed and reduced as it arrives, so
 * a full-size float copy is never made (memory is the output plus a few MiB, whatever the scan
 * size); the result equals `preprocessVolume(readNifti(…).volume, options)` to float32 rounding.
 * With respacing the file is read whole and `preprocessVolume` applied.
 * @param source - a file path, or the file's bytes.
 * @returns the header and the preprocessed volume (affine and spacing of the model grid).
 * @throws {NiftiError} every error of {@link readNifti}; `invalid-argument` for bad options;
 *   `degenerate-affine` when reorienting an affine with a zero column.
 * @example
 * ```ts
 * const { volume } = await readNiftiPreprocessed('scan.nii.gz', {
 *   windowHu: [-500, 1300], outputRange: [0, 1], size: [128, 128, 128],
 *   resizeMode: 'area', reorientToRas: false, spacingMm: null,
 * });
 * const input = tf.tensor5d(volume.data, [1, 128, 128, 128, 1]);
 * ```
 */
export async function readNiftiPreprocessed(
  source: string | Uint8Array,
  options: ReadPreprocessedOptions,
): Promise<NiftiImage> {
  if (options.spacingMm !== null) {
    const { header, volume } = await readNifti(source, {
      frame: options.frame,
      nonFinite: options.nonFinite,
      file: options.file,
    });
    return { header, volume: preprocessVolume(volume, options) };
  }
  const map = windowMap(options);
  const target = checkShape('size', options.size);
  const mode = checkMode(options.resizeMode);
  const checkFinite = (options.nonFinite ?? 'error') === 'error';
  return withByteSource(source, options.file, async (bytes) => {
    const header = await readHeaderFrom(bytes);
    const frame = checkFrame(header, options.frame);
    const orientation = options.reorientToRas ? fullOrientation(header.affine) : undefined;
    await seekToFrames(bytes, header, frame, 1);
    const inShape = volumeShape(header);
    const geometry = { affine: header.affine, spacingMm: volumeSpacing(header) };
    // The target is given after reorientation: map it back onto the file's voxel axes.
    const outShape: Vec3 =
      orientation === undefined ? target : (orientation.map(([axis]) => target[axis]!) as Vec3);
    const mirrored = [0, 1, 2].map((axis) => orientation?.[axis]?.[1] === -1) as [
      boolean,
      boolean,
      boolean,
    ];
    const resizer = new SlabResizer(
      inShape,
      outShape,
      mode,
      { ...header.scaling, window: map },
      mirrored,
    );
    await readSlabs(bytes, header, frame, 1, (slab) => {
      if (checkFinite) checkFiniteSlab(header, slab);
      resizer.add(slab);
    });
    let volume: Volume = {
      data: resizer.result(),
      shape: outShape,
      ...resizedGeometry(geometry, inShape, outShape),
    };
    await bytes.drain();
    if (orientation !== undefined) volume = reorientToRas(volume);
    return { header, volume };
  });
}
