import type { Mat4, Vec3, Volume } from '../volume';
import { checkShape, invalidArgument } from './check-options';
import type { PreprocessOptions } from './preprocess-volume';
import { fullOrientation, reorientToRas } from './reorient';
import { checkMode, resizedGeometry } from './resize-volume';
import { SlabResizer } from './slab-resizer';
import { windowMap } from './window';

/** Stored values of one slice: any numeric typed array. */
export type SlicePlane =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array;

/** How a slice's stored values map to real values, and its row order. */
export interface SliceLayout {
  /** Default 1. */
  slope?: number;
  /** Default 0. */
  intercept?: number;
  /** Rows last j first; default false. */
  rowsReversed?: boolean;
}

/** A volume's geometry, without its values. */
export interface SliceGeometry {
  /** `[ni, nj, nk]`. */
  shape: Vec3;
  /** Voxel → world, RAS+ mm. */
  affine: Mat4;
  spacingMm: Vec3;
}

/**
 * The fused preprocessing of `readNiftiPreprocessed` (window → (reorientation) → resize) for a
 * volume that arrives slice by slice from any reader — a DICOM series, say — without ever holding
 * it whole: `add(k, plane, layout)` for every k in increasing order, then `result()`. Given the
 * same stored values and scaling, the result is the same, bit for bit, as
 * `readNiftiPreprocessed` of the volume stored as a NIfTI file.
 */
export interface SlicePreprocessor {
  /**
   * Adds slice k (in increasing k). `plane` holds stored values, i fastest; each becomes
   * `stored × slope + intercept` (as float32, as NIfTI's scl_slope/scl_inter). With
   * `rowsReversed`, the rows come last j first (`plane[i + ni * (nj − 1 − j)]` is voxel (i, j, k)),
   * as a DICOM slice's rows do in dcm2niix's layout.
   */
  add(k: number, plane: SlicePlane, layout?: SliceLayout): void;
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
 * const preprocessor = createSlicePreprocessor({ shape, affine, spacingMm }, {
 *   windowHu: [-500, 1300], outputRange: [0, 1], size: [128, 128, 128],
 *   resizeMode: 'area', reorientToRas: false, spacingMm: null,
 * });
 * for (let k = 0; k < shape[2]; k++) preprocessor.add(k, sliceK);
 * const volume = preprocessor.result();
 * ```
 */
export function createSlicePreprocessor(
  geometry: SliceGeometry,
  options: PreprocessOptions,
): SlicePreprocessor {
  if (options.spacingMm !== null) {
    throw invalidArgument(
      'spacingMm',
      options.spacingMm,
      'slice-by-slice preprocessing cannot respace: spacingMm must be null (read the volume whole and use preprocessVolume)',
    );
  }
  const map = windowMap(options);
  const target = checkShape('size', options.size);
  const mode = checkMode(options.resizeMode);
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
    add: (k, plane, layout = {}) =>
      resizer.addSlice(
        k,
        plane,
        layout.slope ?? 1,
        layout.intercept ?? 0,
        layout.rowsReversed ?? false,
      ),
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
