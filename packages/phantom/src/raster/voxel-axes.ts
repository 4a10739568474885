import type { Bounds } from '../anatomy/bone-model';
import type { ImageGrid } from './image-grid';

/** World coordinate (mm) of every index along each voxel axis (the grid's affine is diagonal). */
export function axisCoordinates(grid: ImageGrid): [Float64Array, Float64Array, Float64Array] {
  return [0, 1, 2].map((axis) => {
    const values = new Float64Array(grid.shape[axis]!);
    const row = grid.affine[axis]!;
    for (let n = 0; n < values.length; n++) values[n] = row[axis]! * n + row[3]!;
    return values;
  }) as [Float64Array, Float64Array, Float64Array];
}

/** A half-open index range `[start, end)` along each of i, j, k. */
export type IndexBox = [[number, number], [number, number], [number, number]];

/** The index box whose voxel centres lie within world bounds (clipped to the grid). */
export function indexRange(grid: ImageGrid, bounds: Bounds): IndexBox {
  return [0, 1, 2].map((axis) => {
    const row = grid.affine[axis]!;
    const a = (bounds.min[axis]! - row[3]!) / row[axis]!;
    const b = (bounds.max[axis]! - row[3]!) / row[axis]!;
    const start = Math.max(0, Math.floor(Math.min(a, b)));
    const end = Math.min(grid.shape[axis]!, Math.ceil(Math.max(a, b)) + 1);
    return [start, Math.max(start, end)] as [number, number];
  }) as IndexBox;
}

/** Visits one block: half-open index ranges along i, j, k. */
export type BlockVisitor = (
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  k0: number,
  k1: number,
) => void;

/** Calls `visit` with each sub-box of at most `size` voxels per side tiling the given ranges. */
export function forEachBlock(
  size: number,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  k0: number,
  k1: number,
  visit: BlockVisitor,
): void {
  for (let i = i0; i < i1; i += size) {
    const ie = Math.min(i + size, i1);
    for (let j = j0; j < j1; j += size) {
      const je = Math.min(j + size, j1);
      for (let k = k0; k < k1; k += size) visit(i, ie, j, je, k, Math.min(k + size, k1));
    }
  }
}

/**
 * Half the diagonal of a block of `size` voxels per side, mm: a distance field
 * farther than this from the block's centre cannot change sign inside it.
 */
export function blockRadiusMm(grid: ImageGrid, size: number): number {
  const [a, b, c] = grid.spacingMm;
  return 0.5 * size * Math.hypot(a, b, c);
}

/** The partial-volume ramp width: the voxel's geometric-mean size, mm. */
export function rampWidthMm(grid: ImageGrid): number {
  const [a, b, c] = grid.spacingMm;
  return Math.cbrt(a * b * c);
}

/**
 * Safety factor on block radii: the smooth-union and ellipsoid distances are
 * approximations whose gradient can exceed 1 slightly.
 */
export const DISTANCE_SAFETY = 1.5;
