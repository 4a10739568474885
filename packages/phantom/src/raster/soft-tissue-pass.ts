import type { ImageGrid } from './image-grid';
import type { TissueHu } from './tissue';
import {
  axisCoordinates,
  blockRadiusMm,
  DISTANCE_SAFETY,
  forEachBlock,
  rampWidthMm,
} from './voxel-axes';

/** Distance to the skin in world coordinates (mm, negative inside). */
export type WorldDistance = (x: number, y: number, z: number) => number;

function clamp01(value: number): number {
  return value < 0 ? 0 : Math.min(value, 1);
}

/**
 * Fills every voxel with air, subcutaneous fat (a `fatMm` layer under the
 * skin) or muscle, with a partial-volume ramp one voxel wide at each surface.
 * Blocks of 8³, then 4³ voxels that are wholly air or wholly muscle (judged by
 * the distance at their centre with a safety margin) are filled without
 * evaluating each voxel; in the other 4³ blocks the distance is interpolated
 * trilinearly from their corner voxels.
 * @returns HU in C order over the grid's shape (k fastest).
 */
export function softTissuePass(
  grid: ImageGrid,
  skin: WorldDistance,
  fatMm: number,
  hu: TissueHu,
): Float32Array {
  const [ni, nj, nk] = grid.shape;
  const [xs, ys, zs] = axisCoordinates(grid);
  const out = new Float32Array(ni * nj * nk);
  const h = rampWidthMm(grid);
  const margin8 = DISTANCE_SAFETY * blockRadiusMm(grid, 8) + h;
  const margin4 = DISTANCE_SAFETY * blockRadiusMm(grid, 4) + h;
  const fill = (
    i0: number,
    i1: number,
    j0: number,
    j1: number,
    k0: number,
    k1: number,
    value: number,
  ) => {
    for (let i = i0; i < i1; i++) {
      for (let j = j0; j < j1; j++) out.fill(value, (i * nj + j) * nk + k0, (i * nj + j) * nk + k1);
    }
  };
  const classify = (
    i0: number,
    i1: number,
    j0: number,
    j1: number,
    k0: number,
    k1: number,
    margin: number,
  ) => {
    const d = skin(
      (xs[i0]! + xs[i1 - 1]!) / 2,
      (ys[j0]! + ys[j1 - 1]!) / 2,
      (zs[k0]! + zs[k1 - 1]!) / 2,
    );
    return d > margin ? hu.air : d < -(fatMm + margin) ? hu.muscle : Number.NaN;
  };
  const shade = (v: number, d: number) => {
    const inside = clamp01(0.5 - d / h);
    const muscle = clamp01(0.5 - (d + fatMm) / h);
    out[v] = hu.air * (1 - inside) + hu.fat * (inside - muscle) + hu.muscle * muscle;
  };
  // A 4³ block near the skin: the distance at its 8 corner voxels, trilinear in between (the
  // skin is smooth at this scale: curvature radii of centimetres, blocks of a few mm).
  const band = (i0: number, i1: number, j0: number, j1: number, k0: number, k1: number) => {
    const value = classify(i0, i1, j0, j1, k0, k1, margin4);
    if (!Number.isNaN(value)) return fill(i0, i1, j0, j1, k0, k1, value);
    const corners = new Float64Array(8);
    for (let c = 0; c < 8; c++) {
      corners[c] = skin(
        xs[c & 1 ? i1 - 1 : i0]!,
        ys[c & 2 ? j1 - 1 : j0]!,
        zs[c & 4 ? k1 - 1 : k0]!,
      );
    }
    for (let i = i0; i < i1; i++) {
      const u = i1 - 1 > i0 ? (i - i0) / (i1 - 1 - i0) : 0;
      for (let j = j0; j < j1; j++) {
        const v = j1 - 1 > j0 ? (j - j0) / (j1 - 1 - j0) : 0;
        const c00 = corners[0]! + (corners[1]! - corners[0]!) * u;
        const c10 = corners[2]! + (corners[3]! - corners[2]!) * u;
        const c01 = corners[4]! + (corners[5]! - corners[4]!) * u;
        const c11 = corners[6]! + (corners[7]! - corners[6]!) * u;
        const low = c00 + (c10 - c00) * v;
        const high = c01 + (c11 - c01) * v;
        const base = (i * nj + j) * nk;
        for (let k = k0; k < k1; k++) {
          const w = k1 - 1 > k0 ? (k - k0) / (k1 - 1 - k0) : 0;
          shade(base + k, low + (high - low) * w);
        }
      }
    }
  };
  forEachBlock(8, 0, ni, 0, nj, 0, nk, (i0, i1, j0, j1, k0, k1) => {
    const value = classify(i0, i1, j0, j1, k0, k1, margin8);
    if (!Number.isNaN(value)) return fill(i0, i1, j0, j1, k0, k1, value);
    forEachBlock(4, i0, i1, j0, j1, k0, k1, band);
  });
  return out;
}
