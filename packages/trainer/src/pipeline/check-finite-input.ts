import { TrainerError } from '../errors/trainer-error';

/**
 * Model input must be finite. `@ct-fracture/nifti-io` refuses NaN/±∞ voxels when it reads a
 * scan; this checks what preprocessing made of it (and a cache entry), so that no NaN reaches a
 * loss or a prediction whatever produced it.
 * @throws {TrainerError} `unreadable-scan` naming the file and the first bad value.
 */
export function checkFiniteInput(data: Float32Array, file: string): void {
  for (let index = 0; index < data.length; index += 1) {
    const value = data[index]!;
    if (value - value !== 0) {
      throw new TrainerError({
        code: 'unreadable-scan',
        file,
        value: String(value),
        message: `the preprocessed scan must hold finite values, got ${value} at element ${index}`,
      });
    }
  }
}
