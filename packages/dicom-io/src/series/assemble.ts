import type { StoredSamples } from '../pixels/decode-frame';
import type { Vec3 } from '../volume';

/** Slices filled per pass: 16 float32 values of one (i, j) voxel column share a cache line. */
export const SLICE_BLOCK = 16;

const TILE = 32;
/** Voxel columns per pass of the interleave: 16 slices × 1024 × 4 bytes = 64 KiB of reads. */
const PLANE_TILE = 1024;

/** A decoded slice and the linear map from its stored values to real values. */
export interface DecodedSlice {
  samples: StoredSamples;
  slope: number;
  intercept: number;
}

/**
 * One slice as real values in volume order: `plane[i * rows + j]` = column i of row
 * `rows − 1 − j`, times the slope plus the intercept (a tiled 2D transpose).
 */
function toPlane(slice: DecodedSlice, columns: number, rows: number, plane: Float32Array): void {
  const { samples, slope, intercept } = slice;
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(rows, r0 + TILE);
    for (let c0 = 0; c0 < columns; c0 += TILE) {
      const c1 = Math.min(columns, c0 + TILE);
      for (let r = r0; r < r1; r++) {
        const source = r * columns;
        const j = rows - 1 - r;
        for (let c = c0; c < c1; c++)
          plane[c * rows + j] = samples[source + c]! * slope + intercept;
      }
    }
  }
}

/** Reusable per-slice planes of one block. */
export class SliceBlockWriter {
  private readonly planes: Float32Array[];

  /**
   * @param data - the volume's values, `shape[0] × shape[1] × shape[2]`, k fastest.
   * @param shape - `[columns, rows, slices]`.
   */
  constructor(
    private readonly data: Float32Array,
    private readonly shape: Vec3,
  ) {
    this.planes = Array.from(
      { length: Math.min(SLICE_BLOCK, shape[2]) },
      () => new Float32Array(shape[0] * shape[1]),
    );
  }

  /**
   * Writes slices `k0 … k0 + block.length − 1`: voxel (i, j, k) takes column i of row
   * `rows − 1 − j` of slice k, times its slope plus its intercept.
   */
  write(k0: number, block: readonly DecodedSlice[]): void {
    const [columns, rows, slices] = this.shape;
    const count = block.length;
    for (let b = 0; b < count; b++) toPlane(block[b]!, columns, rows, this.planes[b]!);
    const data = this.data;
    const planes = this.planes;
    const size = columns * rows;
    // Voxel column by voxel column, so that the `count` values written are contiguous; a tile
    // of voxel columns at a time, so that the planes' reads stay in cache.
    for (let p0 = 0; p0 < size; p0 += PLANE_TILE) {
      const p1 = Math.min(size, p0 + PLANE_TILE);
      for (let b = 0; b < count; b++) {
        const plane = planes[b]!;
        for (let p = p0, target = p0 * slices + k0 + b; p < p1; p++, target += slices) {
          data[target] = plane[p]!;
        }
      }
    }
  }
}
