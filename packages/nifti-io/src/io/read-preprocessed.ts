import type { ResizeMode } from '../preprocess/axis-weights';
import { checkShape } from '../preprocess/check-options';
import { fullOrientation, reorientToRas } from '../preprocess/reorient';
import { checkMode, resizedGeometry } from '../preprocess/resize-volume';
import { SlabResizer } from '../preprocess/slab-resizer';
import { applyWindow, type WindowMap, windowMap } from '../preprocess/window';
import type { Vec3, Volume } from '../volume';
import { checkFiniteSlab, type NonFiniteVoxels } from './check-finite';
import { FrameDecoder } from './decode-frame';
import { readHeaderFrom, seekToFrames } from './read-header';
import { checkFrame, type NiftiImage, volumeShape, volumeSpacing } from './read-nifti';
import { readSlabs, type Slab } from './read-slabs';
import { withByteSource } from './with-source';

/** Options of {@link readNiftiPreprocessed}: the deterministic model preprocessing. */
export interface PreprocessOptions {
  /** Intensity window `[lo, hi]` (HU), e.g. `[-500, 1300]`; none when left out. */
  windowHu?: readonly [number, number];
  /** Range the window maps to; default `[0, 1]`. */
  outputRange?: readonly [number, number];
  /** Clip to `outputRange`; default true. */
  clip?: boolean;
  /** Reorient to the closest canonical RAS first (axis permutation/flips only); default false. */
  reorientToRas?: boolean;
  /** Target `[ni, nj, nk]` (after reorientation); no resize when left out. */
  shape?: readonly [number, number, number];
  /** Resize interpolation; default `'area'` (MONAI `Resize`'s default). */
  mode?: ResizeMode;
  /** Which 3D frame of a 4D+ image (required for one; see {@link readNifti}). */
  frame?: number;
  /** NaN or ±∞ voxels: `'error'` (default, a `non-finite-data` error) or `'keep'`. */
  nonFinite?: NonFiniteVoxels;
  /** A name for in-memory bytes in error messages. */
  file?: string;
}

function windowInPlace(data: Float32Array, map: WindowMap | undefined): void {
  if (map === undefined) return;
  for (let index = 0; index < data.length; index++) data[index] = applyWindow(map, data[index]!);
}

/**
 * Reads a NIfTI file straight into model input: scale, window, (reorient,) resize — fused, so
 * that a full-size float copy is never made when `shape` is given. The file is inflated as a
 * stream and each slab of slices is windowed and reduced as it arrives: memory is the output
 * plus a few MiB, whatever the scan size. Equal (to float32 rounding) to
 * `readNifti` → `reorientToRas` → `windowIntensity` → `resizeVolume`.
 * @param source - a file path, or the file's bytes.
 * @returns the header and the preprocessed volume (affine and spacing of the new grid).
 * @throws {NiftiError} every error of {@link readNifti}; `invalid-argument` for bad options;
 *   `degenerate-affine` when reorienting an affine with a zero column.
 * @example
 * ```ts
 * const { volume } = await readNiftiPreprocessed('scan.nii.gz', {
 *   windowHu: [-500, 1300], shape: [128, 128, 128], mode: 'area',
 * });
 * const input = tf.tensor5d(volume.data, [1, 128, 128, 128, 1]);
 * ```
 */
export async function readNiftiPreprocessed(
  source: string | Uint8Array,
  options: PreprocessOptions = {},
): Promise<NiftiImage> {
  const map =
    options.windowHu === undefined
      ? undefined
      : windowMap({ ...options, windowHu: options.windowHu });
  const target = options.shape === undefined ? undefined : checkShape('shape', options.shape);
  const mode = checkMode(options.mode ?? 'area');
  const checkFinite = (options.nonFinite ?? 'error') === 'error';
  return withByteSource(source, options.file, async (bytes) => {
    const header = await readHeaderFrom(bytes);
    const frame = checkFrame(header, options.frame);
    const check = (slab: Slab) => {
      if (checkFinite) checkFiniteSlab(header, slab);
    };
    const orientation = options.reorientToRas ? fullOrientation(header.affine) : undefined;
    await seekToFrames(bytes, header, frame, 1);
    const inShape = volumeShape(header);
    const geometry = { affine: header.affine, spacingMm: volumeSpacing(header) };
    let volume: Volume;
    if (target === undefined) {
      const decoder = new FrameDecoder(header);
      await readSlabs(bytes, header, frame, 1, (slab) => {
        check(slab);
        decoder.add(slab);
      });
      windowInPlace(decoder.data, map);
      volume = { data: decoder.data, shape: inShape, ...geometry };
    } else {
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
        check(slab);
        resizer.add(slab);
      });
      volume = {
        data: resizer.result(),
        shape: outShape,
        ...resizedGeometry(geometry, inShape, outShape),
      };
    }
    await bytes.drain();
    if (orientation !== undefined) volume = reorientToRas(volume);
    return { header, volume };
  });
}
