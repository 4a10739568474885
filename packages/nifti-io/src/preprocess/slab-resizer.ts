import type { Slab } from '../io/read-slabs';
import type { Vec3 } from '../volume';
import {
  type AxisWeights,
  axisWeights,
  mirrorWeights,
  type ResizeMode,
  scatterWeights,
} from './axis-weights';
import { applyWindow, type WindowMap } from './window';

/** How raw voxel values become the values that are resized. */
export interface ValueMap {
  /** `scl_slope` (null = none). */
  slope: number | null;
  /** `scl_inter` (null = none). */
  intercept: number | null;
  /** Intensity window applied after scaling, if any. */
  window?: WindowMap;
}

/**
 * Resizes a frame that arrives as slabs of k-slices in file order (i fastest), without ever
 * holding the full-size frame: each slice is scaled, windowed, reduced along i then j, and
 * accumulated into the output k-planes it feeds. The result equals scaling + windowing the
 * whole frame and then `resizeVolume` (the maps are separable). With `mirrored` axes the
 * weights are those of resizing the flipped axis (see `mirrorWeights`), for a reorientation
 * that follows.
 */
export class SlabResizer {
  private readonly accumulator: Float64Array;
  private readonly row: Float64Array;
  private readonly planeI: Float64Array;
  private readonly planeJ: Float64Array;
  private readonly weights: [AxisWeights, AxisWeights, AxisWeights];
  private readonly byInputK: { outputs: number[]; weights: number[] }[];

  constructor(
    private readonly inShape: Vec3,
    private readonly outShape: Vec3,
    mode: ResizeMode,
    private readonly values: ValueMap,
    mirrored: readonly [boolean, boolean, boolean] = [false, false, false],
  ) {
    this.weights = [0, 1, 2].map((axis) => {
      const weights = axisWeights(mode, inShape[axis]!, outShape[axis]!);
      return mirrored[axis] ? mirrorWeights(weights) : weights;
    }) as SlabResizer['weights'];
    this.byInputK = scatterWeights(this.weights[2]);
    this.accumulator = new Float64Array(outShape[0] * outShape[1] * outShape[2]);
    this.row = new Float64Array(inShape[0]);
    this.planeI = new Float64Array(outShape[0] * inShape[1]);
    this.planeJ = new Float64Array(outShape[0] * outShape[1]);
  }

  /** Adds the slices of one slab. */
  add(slab: Slab): void {
    const [ni, nj] = this.inShape;
    const a = this.values.slope ?? 1;
    const b = this.values.slope === null ? 0 : (this.values.intercept ?? 0);
    for (let kk = 0; kk < slab.kCount; kk++) {
      const k = slab.kStart + kk;
      if (this.byInputK[k]!.outputs.length === 0) continue;
      this.reduceSlice(slab.values, kk * ni * nj, a, b, false);
      this.scatter(k);
    }
  }

  /**
   * Adds one slice with its own linear scaling (value = stored × slope + intercept), its rows in
   * file order (j fastest after i) or reversed (`plane[i + ni * (nj − 1 − j)]` is voxel (i, j)).
   */
  addSlice(
    k: number,
    values: Slab['values'],
    slope: number,
    intercept: number,
    rowsReversed: boolean,
  ): void {
    if (this.byInputK[k]!.outputs.length === 0) return;
    this.reduceSlice(values, 0, slope, intercept, rowsReversed);
    this.scatter(k);
  }

  /** The resized frame, C order over the output shape (k fastest). */
  result(): Float32Array {
    // The accumulator holds output k-planes one after another (so that `scatter` writes
    // sequentially); the result is k fastest.
    const [oi, oj, ok] = this.outShape;
    const plane = oi * oj;
    const out = new Float32Array(plane * ok);
    for (let c = 0; c < ok; c++) {
      const base = c * plane;
      for (let q = 0; q < plane; q++) out[q * ok + c] = this.accumulator[base + q]!;
    }
    return out;
  }

  /**
   * For stored integers of at most 16 bits, every value's scaled and windowed result, computed
   * once (the same arithmetic as per voxel, so results are unchanged): `table[stored + offset]`.
   */
  private valueTable(
    values: Slab['values'],
    a: number,
    b: number,
  ): { table: Float64Array; offset: number } | undefined {
    let offset: number;
    let size: number;
    if (values instanceof Int16Array) [offset, size] = [32768, 65536];
    else if (values instanceof Uint16Array) [offset, size] = [0, 65536];
    else if (values instanceof Int8Array) [offset, size] = [128, 256];
    else if (values instanceof Uint8Array) [offset, size] = [0, 256];
    else return undefined;
    const cached = this.table;
    if (cached?.size === size && cached.offset === offset && cached.a === a && cached.b === b) {
      return cached;
    }
    const window = this.values.window;
    const table = new Float64Array(size);
    for (let index = 0; index < size; index++) {
      const value = Math.fround((index - offset) * a + b);
      table[index] = window === undefined ? value : applyWindow(window, value);
    }
    this.table = { table, offset, size, a, b };
    return this.table;
  }

  private table:
    | { table: Float64Array; offset: number; size: number; a: number; b: number }
    | undefined;

  private reduceSlice(
    values: Slab['values'],
    sliceStart: number,
    a: number,
    b: number,
    rowsReversed: boolean,
  ): void {
    const [ni, nj] = this.inShape;
    const [oi, oj] = this.outShape;
    const { row, planeI, planeJ } = this;
    const [wi, wj] = this.weights;
    const window = this.values.window;
    const lookup = this.valueTable(values, a, b);
    const { start, count, weights: wiWeights, maxCount } = wi;
    for (let j = 0; j < nj; j++) {
      const rowStart = sliceStart + (rowsReversed ? nj - 1 - j : j) * ni;
      const planeRow = j * oi;
      if (lookup !== undefined) {
        // Table lookup fused with the reduction along i: the same values summed in the same
        // order as through `row`, without the round trip.
        const { table, offset } = lookup;
        for (let o = 0; o < oi; o++) {
          let sum = 0;
          const first = rowStart + start[o]!;
          const wBase = o * maxCount;
          const n = count[o]!;
          for (let t = 0; t < n; t++) {
            sum += wiWeights[wBase + t]! * table[values[first + t]! + offset]!;
          }
          planeI[planeRow + o] = sum;
        }
        continue;
      }
      if (window === undefined) {
        for (let i = 0; i < ni; i++) row[i] = Math.fround(values[rowStart + i]! * a + b);
      } else {
        for (let i = 0; i < ni; i++) {
          row[i] = applyWindow(window, Math.fround(values[rowStart + i]! * a + b));
        }
      }
      for (let o = 0; o < oi; o++) {
        let sum = 0;
        const first = start[o]!;
        const wBase = o * maxCount;
        const n = count[o]!;
        for (let t = 0; t < n; t++) sum += wiWeights[wBase + t]! * row[first + t]!;
        planeI[planeRow + o] = sum;
      }
    }
    planeJ.fill(0);
    for (let p = 0; p < oj; p++) {
      const wBase = p * wj.maxCount;
      for (let t = 0; t < wj.count[p]!; t++) {
        const weight = wj.weights[wBase + t]!;
        const sourceRow = (wj.start[p]! + t) * oi;
        for (let o = 0; o < oi; o++) {
          planeJ[o * oj + p] = planeJ[o * oj + p]! + weight * planeI[sourceRow + o]!;
        }
      }
    }
  }

  private scatter(k: number): void {
    const [oi, oj] = this.outShape;
    const { outputs, weights } = this.byInputK[k]!;
    const plane = oi * oj;
    const { accumulator, planeJ } = this;
    for (let e = 0; e < outputs.length; e++) {
      const base = outputs[e]! * plane;
      const weight = weights[e]!;
      for (let q = 0; q < plane; q++) {
        accumulator[base + q] = accumulator[base + q]! + weight * planeJ[q]!;
      }
    }
  }
}
