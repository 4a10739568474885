import type { Mat4, Vec3, Volume } from '../volume';
import type { ResizeMode } from './axis-weights';
import { checkShape } from './check-options';
import { fullOrientation, reorientToRas } from './reorient';
import { checkMode, resizedGeometry } from './resize-volume';
import { SlabResizer } from './slab-resizer';
import { windowMap } from './window';

/** A volume's geometry, without its values. */
export interface SliceGeometry {
  /** `[ni, nj, nk]`. */
  shape: Vec3;
  /** Voxel → world, RAS+ mm. */
  affine: Mat4;
  spacingMm: Vec3;
}

/** Options of {@link createSlicePreprocessor}: those of `readNiftiPreprocessed`, with a required `shape`. */
export interface PreprocessSlicesOptions {
  /** Intensity window `[lo, hi]` (HU); none when left out. */
  windowHu?: readonly [number, number];
  /** Range the window maps to; default `[0, 1]`. */
  outputRange?: readonly [number, number];
  /** Clip to `outputRange`; default true. */
  clip?: boolean;
  /** Reorient to the closest canonical RAS (axis permutation/flips only); default false. */
  reorientToRas?: boolean;
  /** Target `[ni, nj, nk]` (after reorientation). */
  shape: readonly [number, number, number];
  /** Resize interpolation; default `'area'`. */
  mode?: ResizeMode;
}

/**
 * The fused preprocessing of `readNiftiPreprocessed` (window → (reorientation) → resize) for a
 * volume that arrives slice by slice from any reader — a DICOM series, say — without ever holding
 * it whole: `add(k, plane)` for every k in increasing order, then `result()`. `plane[i + ni * j]`
 * is voxel (i, j, k) in real values (HU), i fastest as NIfTI stores a slice. Given the same
 * values, the result is the same, bit for bit, as `readNiftiPreprocessed` of the volume stored
 * as a NIfTI file.
 */
export interface SlicePreprocessor {
  add(k: number, plane: Float32Array): void;
  /** The preprocessed volume (after every slice was added). */
  result(): Volume;
}

/**
 * Starts a {@link SlicePreprocessor} for a volume of the given geometry.
 * @param geometry - the input volume's shape, affine and spacing.
 * @param options - window, reorientation, target shape, resize mode.
 * @throws {NiftiError} `invalid-argument` for a bad shape or mode; `degenerate-affine` for a
 * reorientation of an affine without directions.
 * @example
 * ```ts
 * const preprocessor = createSlicePreprocessor({ shape, affine, spacingMm }, { windowHu: [-500, 1300], shape: [128, 128, 128] });
 * for (let k = 0; k < shape[2]; k++) preprocessor.add(k, sliceK);
 * const volume = preprocessor.result();
 * ```
 */
export function createSlicePreprocessor(
  geometry: SliceGeometry,
  options: PreprocessSlicesOptions,
): SlicePreprocessor {
  const map =
    options.windowHu === undefined
      ? undefined
      : windowMap({ ...options, windowHu: options.windowHu });
  const target = checkShape('shape', options.shape);
  const mode = checkMode(options.mode ?? 'area');
  const orientation = options.reorientToRas ? fullOrientation(geometry.affine) : undefined;
  const outShape: Vec3 =
    orientation === undefined ? target : (orientation.map(([axis]) => target[axis]!) as Vec3);
  const mirrored = [0, 1, 2].map((axis) => orientation?.[axis]?.[1] === -1) as [
    boolean,
    boolean,
    boolean,
  ];
  const resizer = new SlabResizer(
    geometry.shape,
    outShape,
    mode,
    { slope: null, intercept: null, window: map },
    mirrored,
  );
  return {
    add: (k, plane) => resizer.add({ values: plane, frame: 0, kStart: k, kCount: 1 }),
    result: () => {
      const volume: Volume = {
        data: resizer.result(),
        shape: outShape,
        ...resizedGeometry(geometry, geometry.shape, outShape),
      };
      return orientation === undefined ? volume : reorientToRas(volume);
    },
  };
}
