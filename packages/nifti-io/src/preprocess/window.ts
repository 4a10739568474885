import type { Volume } from '../volume';
import { checkVolume, invalidArgument } from './check-options';

/** Options of {@link windowIntensity}. */
export interface WindowOptions {
  /** Input window `[lo, hi]` (HU for CT), `hi > lo`; the original pipeline used `[-500, 1300]`. */
  windowHu: readonly [number, number];
  /** Output range `[bLo, bHi]` the window maps to; default `[0, 1]`. */
  outputRange?: readonly [number, number];
  /** Clip the result to the output range; default true. */
  clip?: boolean;
}

/** `y = x · scale + offset`, then clipped to `[min, max]` (the window as one affine map). */
export interface WindowMap {
  scale: number;
  offset: number;
  min: number;
  max: number;
}

/**
 * The window as one map (MONAI's `ScaleIntensityRange`:
 * `(x − lo) / (hi − lo) · (bHi − bLo) + bLo`, then clipped).
 * @throws {NiftiError} `invalid-argument` when `hi ≤ lo` or a bound is not finite.
 */
export function windowMap(options: WindowOptions): WindowMap {
  const [lo, hi] = options.windowHu;
  const [bLo, bHi] = options.outputRange ?? [0, 1];
  if (![lo, hi, bLo, bHi].every(Number.isFinite) || !(hi > lo)) {
    throw invalidArgument(
      'windowHu',
      options.windowHu,
      `windowHu must be [lo, hi] with finite lo < hi (and a finite outputRange); got [${lo}, ${hi}] → [${bLo}, ${bHi}]`,
    );
  }
  const scale = (bHi - bLo) / (hi - lo);
  const clip = options.clip ?? true;
  return {
    scale,
    offset: bLo - lo * scale,
    min: clip ? Math.min(bLo, bHi) : -Infinity,
    max: clip ? Math.max(bLo, bHi) : Infinity,
  };
}

/** Applies a {@link WindowMap} to one value (NaN stays NaN). */
export function applyWindow(map: WindowMap, value: number): number {
  const y = value * map.scale + map.offset;
  return y < map.min ? map.min : Math.min(y, map.max);
}

/**
 * Intensity windowing: clip to `windowHu` and scale linearly to `outputRange`, as MONAI's
 * `ScaleIntensityRange(a_min=lo, a_max=hi, b_min, b_max, clip=True)`. Geometry unchanged.
 * @param volume - any volume (HU for CT).
 * @returns a new volume with new `data`; `shape`, `spacingMm` and `affine` copied.
 * @throws {NiftiError} `invalid-argument` for a bad window or a data length that does not match the shape.
 * @example
 * ```ts
 * const input = windowIntensity(volume, { windowHu: [-500, 1300] }); // HU → [0, 1]
 * ```
 */
export function windowIntensity(volume: Volume, options: WindowOptions): Volume {
  checkVolume(volume);
  const map = windowMap(options);
  const source = volume.data;
  const data = new Float32Array(source.length);
  for (let index = 0; index < source.length; index++) {
    data[index] = applyWindow(map, source[index]!);
  }
  return {
    data,
    shape: [...volume.shape],
    spacingMm: [...volume.spacingMm],
    affine: volume.affine.map((row) => [...row]),
  };
}
