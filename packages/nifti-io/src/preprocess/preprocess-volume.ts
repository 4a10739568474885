import type { Volume } from '../volume';
import type { ResizeMode } from './axis-weights';
import { reorientToRas } from './reorient';
import { resampleToSpacing } from './resample-spacing';
import { resizeVolume } from './resize-volume';
import { windowIntensity } from './window';

/**
 * The deterministic preprocessing that turns a scan into model input — one description for
 * training, `predict`, `validate`, `explain` and the browser: the `preprocessing` of a training
 * configuration and of a checkpoint's `ct-fracture.json` (docs/contracts.md).
 */
export interface PreprocessOptions {
  /** Intensity window in HU `[lo, hi]`, `lo < hi`: values are clipped to it (original `[-500, 1300]`). */
  readonly windowHu: readonly [number, number];
  /** The window maps linearly onto this range (original `[0, 1]`). */
  readonly outputRange: readonly [number, number];
  /** Model input `[D, H, W]` = voxel axes `[i, j, k]` after resizing (original `[128, 128, 128]`). */
  readonly size: readonly [number, number, number];
  /** Resize interpolation (original `'area'`, MONAI `Resize`'s default; `'nearest'` for imported checkpoints that used it). */
  readonly resizeMode: ResizeMode;
  /** Reorient to the closest canonical RAS first — axis permutations and flips only (original: false). */
  readonly reorientToRas: boolean;
  /** Resample to this voxel spacing in mm (trilinear) before the window, or null (original: null). */
  readonly spacingMm: readonly [number, number, number] | null;
}

/**
 * The preprocessing recipe on a volume in memory: reorient (optional) → respace (optional,
 * trilinear) → intensity window → resize to `size`. Pure: the result's `affine` places the model
 * grid in the scan's world, which maps a model-space heatmap back onto the scan
 * (`resampleOntoGrid`). `readNiftiPreprocessed` (`@ct-fracture/nifti-io/node`) applies the same
 * recipe to a file, streaming.
 * @param volume - the scan in HU (as read).
 * @returns the model input volume (`shape` = `options.size`).
 * @throws {NiftiError} `invalid-argument` for bad options; `degenerate-affine` when reorienting an
 *   affine with a zero column.
 * @example
 * ```ts
 * const input = preprocessVolume(scan, {
 *   windowHu: [-500, 1300], outputRange: [0, 1], size: [128, 128, 128],
 *   resizeMode: 'area', reorientToRas: false, spacingMm: null,
 * });
 * const x = tf.tensor5d(input.data, [1, ...input.shape, 1]);
 * ```
 */
export function preprocessVolume(volume: Volume, options: PreprocessOptions): Volume {
  let result = volume;
  if (options.reorientToRas) result = reorientToRas(result);
  if (options.spacingMm !== null) {
    result = resampleToSpacing(result, { spacingMm: options.spacingMm, mode: 'trilinear' });
  }
  result = windowIntensity(result, {
    windowHu: options.windowHu,
    outputRange: options.outputRange,
  });
  return resizeVolume(result, { shape: options.size, mode: options.resizeMode });
}
