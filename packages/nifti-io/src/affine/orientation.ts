import type { Mat4 } from '../volume';
import { columnNorms3, isFiniteMatrix, linearPart } from './mat4';
import { polarOrthogonal } from './polar';

/**
 * For each voxel axis, the world axis it is closest to and its direction: `[worldAxis, ±1]`,
 * or `null` for an axis with no direction (nibabel's `io_orientation`).
 */
export type AxisOrientation = ([number, 1 | -1] | null)[];

/**
 * The world axis (0 = x/R, 1 = y/A, 2 = z/S) and direction each voxel axis points along,
 * as nibabel's `io_orientation`: columns normalised, shears removed by polar
 * decomposition, then each voxel axis takes the world axis of its largest component,
 * ties resolved in voxel-axis order.
 * @param affine - voxel → world, RAS+ mm.
 * @returns per voxel axis `[worldAxis, direction]`, or `null` for a zero/non-finite column.
 * @example
 * ```ts
 * ioOrientation([[0, 0, 2, 0], [-1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1]]);
 * // [[1, -1], [2, 1], [0, 1]]: i → P, j → S, k → R
 * ```
 */
export function ioOrientation(affine: Mat4): AxisOrientation {
  const rzs = linearPart(affine);
  if (!isFiniteMatrix(rzs)) return [null, null, null];
  const zooms = columnNorms3(rzs).map((zoom) => (zoom === 0 ? 1 : zoom));
  const rs = rzs.map((row) => row.map((value, c) => value / zooms[c]!));
  const r = polarOrthogonal(rs);
  const out: AxisOrientation = [];
  for (let inAxis = 0; inAxis < 3; inAxis++) {
    const column = [r[0]![inAxis]!, r[1]![inAxis]!, r[2]![inAxis]!];
    // numpy's allclose(col, 0): |x| <= 1e-8
    if (column.every((value) => Math.abs(value) <= 1e-8)) {
      out.push(null);
      continue;
    }
    let outAxis = 0;
    for (let candidate = 1; candidate < 3; candidate++) {
      if (Math.abs(column[candidate]!) > Math.abs(column[outAxis]!)) outAxis = candidate;
    }
    out.push([outAxis, column[outAxis]! < 0 ? -1 : 1]);
    for (let c = 0; c < 3; c++) r[outAxis]![c] = 0;
  }
  return out;
}

const LABELS = [
  ['L', 'R'],
  ['P', 'A'],
  ['I', 'S'],
] as const;

/**
 * The axis codes of an affine, as nibabel's `aff2axcodes`: one letter per voxel axis naming
 * the world direction it increases towards (`'RAS'`, `'LPS'`, `'LAS'`, …); `'?'` for an axis
 * with no direction (a zero column).
 * @param affine - voxel → world, RAS+ mm.
 * @example
 * ```ts
 * affineToAxcodes([[-1, 0, 0, 0], [0, -1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]); // 'LPS'
 * ```
 */
export function affineToAxcodes(affine: Mat4): string {
  return ioOrientation(affine)
    .map((axis) => (axis === null ? '?' : LABELS[axis[0]]![axis[1] === 1 ? 1 : 0]))
    .join('');
}
