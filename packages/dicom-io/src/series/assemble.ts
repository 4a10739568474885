import type { StoredSamples } from '../pixels/decode-frame';
import type { Vec3 } from '../volume';

/** Slices filled per pass: 16 float32 values of one (i, j) voxel column share a cache line. */
export const SLICE_BLOCK = 16;

/** A decoded slice and the linear map from its stored values to real values. */
export interface DecodedSlice {
  samples: StoredSamples;
  slope: number;
  intercept: number;
}

/**
 * Writes slices `k0 … k0 + block.length − 1` into `data` (layout of `Volume`, k fastest): voxel
 * (i, j, k) takes column i of row `rows − 1 − j` of slice k, times its slope plus its intercept.
 * @param data - the volume's values, `shape[0] × shape[1] × shape[2]`.
 * @param shape - `[columns, rows, slices]`.
 */
export function writeSliceBlock(
  data: Float32Array,
  shape: Vec3,
  k0: number,
  block: readonly DecodedSlice[],
): void {
  const [columns, rows, slices] = shape;
  const count = block.length;
  for (let i = 0; i < columns; i++) {
    for (let j = 0; j < rows; j++) {
      const source = (rows - 1 - j) * columns + i;
      const target = (i * rows + j) * slices + k0;
      for (let b = 0; b < count; b++) {
        const slice = block[b]!;
        data[target + b] = slice.samples[source]! * slice.slope + slice.intercept;
      }
    }
  }
}
