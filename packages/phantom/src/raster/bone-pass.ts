import type { BoneModel, Bounds } from '../anatomy/bone-model';
import type { RegionDistance } from '../scene/region';
import type { ImageGrid } from './image-grid';
import type { TissueHu } from './tissue';
import {
  axisCoordinates,
  blockRadiusMm,
  DISTANCE_SAFETY,
  forEachBlock,
  indexRange,
  rampWidthMm,
} from './voxel-axes';

/** A piece of bone placed in the world, ready to rasterise. */
export interface RasterSolid {
  bone: BoneModel;
  /** The fragment's region of the native bone (null: all of it). */
  region: RegionDistance | null;
  /** World → native transform, `[R row 0, t0, R row 1, t1, R row 2, t2]`. */
  worldToNative: Float64Array;
  /** Where in the world the piece can be (mm). */
  worldBounds: Bounds;
  /** Label-map value. */
  label: number;
}

/** Per-voxel bone occupancy (0–1), its HU, and which solid owns the voxel. */
export interface BoneLayer {
  fraction: Float32Array;
  hu: Float32Array;
  labels: Uint8Array;
}

function clamp01(value: number): number {
  return value < 0 ? 0 : Math.min(value, 1);
}

/**
 * Rasterises solids into a bone layer: per voxel, the occupancy of the piece
 * (partial-volume ramp one voxel wide on the intersection of the bone's
 * surface and the fragment's region) and its material (cortex within the local
 * cortical thickness, then cancellous bone or marrow), keeping the piece with
 * the larger occupancy where pieces meet. Blocks of 4³ then 2³ voxels far
 * outside a piece are skipped, and blocks deep inside it are filled with its
 * inner material without evaluating the distance per voxel.
 */
export function bonePass(grid: ImageGrid, solids: readonly RasterSolid[], hu: TissueHu): BoneLayer {
  const [, nj, nk] = grid.shape;
  const [xs, ys, zs] = axisCoordinates(grid);
  const count = grid.shape[0] * nj * nk;
  const layer: BoneLayer = {
    fraction: new Float32Array(count),
    hu: new Float32Array(count),
    labels: new Uint8Array(count),
  };
  const h = rampWidthMm(grid);
  const margin4 = DISTANCE_SAFETY * blockRadiusMm(grid, 4) + 0.5 * h;
  const margin2 = DISTANCE_SAFETY * blockRadiusMm(grid, 2) + 0.5 * h;
  for (const solid of solids) {
    const { bone, region, label } = solid;
    const m = solid.worldToNative;
    const innerHu = (qx: number, qy: number, qz: number) =>
      hu.cancellous + (hu.marrow - hu.cancellous) * bone.marrowWeight(qx, qy, qz);
    const voxel = (i: number, j: number, k: number) => {
      const x = xs[i]!;
      const y = ys[j]!;
      const z = zs[k]!;
      const qx = m[0]! * x + m[1]! * y + m[2]! * z + m[3]!;
      const qy = m[4]! * x + m[5]! * y + m[6]! * z + m[7]!;
      const qz = m[8]! * x + m[9]! * y + m[10]! * z + m[11]!;
      const r = region === null ? -Infinity : region(qx, qy, qz);
      if (r >= 0.5 * h) return;
      const d = bone.distance(qx, qy, qz);
      const fraction = clamp01(0.5 - Math.max(d, r) / h);
      const v = (i * nj + j) * nk + k;
      if (fraction <= layer.fraction[v]!) return;
      const inner = clamp01((-d - bone.cortexMm(qx, qy, qz)) / h + 0.5);
      layer.fraction[v] = fraction;
      layer.hu[v] = hu.cortex + (innerHu(qx, qy, qz) - hu.cortex) * inner;
      if (fraction >= 0.5) layer.labels[v] = label;
    };
    const fillInside = (i0: number, i1: number, j0: number, j1: number, k0: number, k1: number) => {
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) {
          for (let k = k0; k < k1; k++) {
            const v = (i * nj + j) * nk + k;
            if (layer.fraction[v]! >= 1) continue;
            const x = xs[i]!;
            const y = ys[j]!;
            const z = zs[k]!;
            layer.fraction[v] = 1;
            layer.hu[v] = innerHu(
              m[0]! * x + m[1]! * y + m[2]! * z + m[3]!,
              m[4]! * x + m[5]! * y + m[6]! * z + m[7]!,
              m[8]! * x + m[9]! * y + m[10]! * z + m[11]!,
            );
            layer.labels[v] = label;
          }
        }
      }
    };
    /** 1 = skip, −1 = wholly inner material, 0 = mixed. */
    const classify = (
      i0: number,
      i1: number,
      j0: number,
      j1: number,
      k0: number,
      k1: number,
      margin: number,
    ): number => {
      const x = (xs[i0]! + xs[i1 - 1]!) / 2;
      const y = (ys[j0]! + ys[j1 - 1]!) / 2;
      const z = (zs[k0]! + zs[k1 - 1]!) / 2;
      const qx = m[0]! * x + m[1]! * y + m[2]! * z + m[3]!;
      const qy = m[4]! * x + m[5]! * y + m[6]! * z + m[7]!;
      const qz = m[8]! * x + m[9]! * y + m[10]! * z + m[11]!;
      const r = region === null ? -Infinity : region(qx, qy, qz);
      if (r > margin) return 1;
      const d = bone.distance(qx, qy, qz);
      if (d > margin) return 1;
      return r < -margin && d < -margin - bone.maxCortexMm ? -1 : 0;
    };
    const small = (i0: number, i1: number, j0: number, j1: number, k0: number, k1: number) => {
      const kind = classify(i0, i1, j0, j1, k0, k1, margin2);
      if (kind === 1) return;
      if (kind === -1) return fillInside(i0, i1, j0, j1, k0, k1);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) {
          for (let k = k0; k < k1; k++) voxel(i, j, k);
        }
      }
    };
    const [[i0, i1], [j0, j1], [k0, k1]] = indexRange(grid, solid.worldBounds);
    forEachBlock(4, i0, i1, j0, j1, k0, k1, (a0, a1, b0, b1, c0, c1) => {
      const kind = classify(a0, a1, b0, b1, c0, c1, margin4);
      if (kind === 1) return;
      if (kind === -1) return fillInside(a0, a1, b0, b1, c0, c1);
      forEachBlock(2, a0, a1, b0, b1, c0, c1, small);
    });
  }
  return layer;
}
