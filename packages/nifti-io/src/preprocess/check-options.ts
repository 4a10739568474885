import { NiftiError } from '../errors/nifti-error';
import { type Vec3, type Volume, voxelCount } from '../volume';

/** A `NiftiError` with code `invalid-argument` for option `field`. */
export function invalidArgument(field: string, value: unknown, message: string): NiftiError {
  return new NiftiError({ code: 'invalid-argument', field, value, message });
}

/**
 * Checks that a target shape is three positive integers.
 * @throws {NiftiError} `invalid-argument`.
 */
export function checkShape(field: string, shape: readonly number[]): Vec3 {
  if (shape.length !== 3 || !shape.every((extent) => Number.isSafeInteger(extent) && extent >= 1)) {
    throw invalidArgument(
      field,
      shape,
      `${field} must be 3 positive integers; got [${shape.join(', ')}]`,
    );
  }
  return [shape[0]!, shape[1]!, shape[2]!];
}

/**
 * Checks that a volume's data length matches its shape.
 * @throws {NiftiError} `invalid-argument`.
 */
export function checkVolume(volume: Volume): void {
  checkShape('volume.shape', volume.shape);
  if (volume.data.length !== voxelCount(volume.shape)) {
    throw invalidArgument(
      'volume.data',
      volume.data.length,
      `volume.data must hold ${volume.shape.join('×')} = ${voxelCount(volume.shape)} values; got ${volume.data.length}`,
    );
  }
}
