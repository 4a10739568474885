import { SeededRandom } from '@ct-fracture/core';
import type { AugmentationParameters } from '../config/augmentation-schema';
import { affineResample, type Matrix3, rotationMatrix, transpose3 } from './affine-resample';
import { addGaussianNoise, flipAxes, scaleShift } from './intensity';

/** What one call of `augmentVolume` did (for logs and tests). */
export interface AppliedAugmentation {
  /** Rotation angles in degrees about voxel axes 0, 1, 2, or null when not rotated. */
  rotationDeg: [number, number, number] | null;
  /** Zoom factor, or null. */
  zoom: number | null;
  /** Flipped axes (empty when none). */
  flippedAxes: number[];
  /** Noise standard deviation, or null. */
  noiseStdDev: number | null;
  /** Intensity factor, or null. */
  intensityFactor: number | null;
  /** Intensity offset, or null. */
  intensityOffset: number | null;
}

/** True when the parameters can change a volume at all. */
export function isAugmentationActive(parameters: AugmentationParameters): boolean {
  return (
    parameters.rotation.probability > 0 ||
    parameters.zoom.probability > 0 ||
    (parameters.flip.probability > 0 && parameters.flip.axes.length > 0) ||
    parameters.noise.probability > 0 ||
    parameters.intensityScale.probability > 0 ||
    parameters.intensityShift.probability > 0
  );
}

/**
 * Randomly augments one preprocessed volume: rotation and zoom (one trilinear resampling about the
 * centre, border padding, as MONAI RandRotate/RandZoom with keep_size), flips, intensity scale
 * and shift, Gaussian noise — in that order. Every decision and value comes from `seed`, so the
 * result is a pure function of (volume, parameters, seed). The input is not modified.
 * @param data - C-order values over `shape` = [D, H, W].
 * @param seed - integers, e.g. `[runSeed, epoch, sampleIndex]`.
 * @example
 * const { data: augmented } = augmentVolume(volume, [128, 128, 128], config.augmentation, [0, 1, 5]);
 */
export function augmentVolume(
  data: Float32Array,
  shape: readonly [number, number, number],
  parameters: AugmentationParameters,
  seed: readonly number[],
): { data: Float32Array; applied: AppliedAugmentation } {
  const random = new SeededRandom(seed);
  const applied: AppliedAugmentation = {
    rotationDeg: null,
    zoom: null,
    flippedAxes: [],
    noiseStdDev: null,
    intensityFactor: null,
    intensityOffset: null,
  };
  const { rotation, zoom, flip, noise, intensityScale, intensityShift } = parameters;
  if (random.chance(rotation.probability)) {
    const [r0, r1, r2] = rotation.rangeDeg;
    applied.rotationDeg = [
      random.uniform(-r0, r0),
      random.uniform(-r1, r1),
      random.uniform(-r2, r2),
    ];
  }
  if (random.chance(zoom.probability)) applied.zoom = random.uniform(zoom.min, zoom.max);
  for (const axis of flip.axes) {
    if (random.chance(flip.probability)) applied.flippedAxes.push(axis);
  }
  if (random.chance(intensityScale.probability)) {
    applied.intensityFactor = 1 + random.uniform(-intensityScale.range, intensityScale.range);
  }
  if (random.chance(intensityShift.probability)) {
    applied.intensityOffset = random.uniform(-intensityShift.range, intensityShift.range);
  }
  if (random.chance(noise.probability)) applied.noiseStdDev = noise.stdDev;

  let out = data;
  if (applied.rotationDeg !== null || applied.zoom !== null) {
    const toRad = Math.PI / 180;
    const angles = applied.rotationDeg ?? [0, 0, 0];
    let matrix: Matrix3 = transpose3(
      rotationMatrix([angles[0] * toRad, angles[1] * toRad, angles[2] * toRad]),
    );
    const z = applied.zoom ?? 1;
    matrix = matrix.map((row) => row.map((value) => value / z)) as Matrix3;
    out = affineResample(out, shape, matrix);
  }
  if (applied.flippedAxes.length > 0) out = flipAxes(out, shape, applied.flippedAxes);
  if (applied.intensityFactor !== null || applied.intensityOffset !== null) {
    if (out === data) out = data.slice();
    scaleShift(out, applied.intensityFactor ?? 1, applied.intensityOffset ?? 0);
  }
  if (applied.noiseStdDev !== null && applied.noiseStdDev > 0) {
    if (out === data) out = data.slice();
    addGaussianNoise(out, applied.noiseStdDev, random);
  }
  return { data: out === data ? data.slice() : out, applied };
}
