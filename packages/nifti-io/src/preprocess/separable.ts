import type { Vec3 } from '../volume';
import type { AxisWeights } from './axis-weights';

/**
 * Resamples one axis of C-order data (`[n0, n1, n2]`, axis 2 fastest) with 1D weights;
 * the other axes are untouched. Sums are accumulated in float64.
 */
export function applyAxisWeights(
  data: Float32Array,
  shape: Vec3,
  axis: 0 | 1 | 2,
  weights: AxisWeights,
): { data: Float32Array; shape: Vec3 } {
  const outShape: Vec3 = [...shape];
  outShape[axis] = weights.outSize;
  // View the array as [outer, n, inner] with n the resampled axis.
  const outer = axis === 0 ? 1 : axis === 1 ? shape[0] : shape[0] * shape[1];
  const inner = axis === 0 ? shape[1] * shape[2] : axis === 1 ? shape[2] : 1;
  const n = shape[axis];
  const m = weights.outSize;
  const out = new Float32Array(outer * m * inner);
  const { start, count, maxCount } = weights;
  const w = weights.weights;
  if (inner === 1) {
    for (let a = 0; a < outer; a++) {
      const inBase = a * n;
      const outBase = a * m;
      for (let o = 0; o < m; o++) {
        let sum = 0;
        const first = inBase + start[o]!;
        const wBase = o * maxCount;
        for (let t = 0; t < count[o]!; t++) sum += w[wBase + t]! * data[first + t]!;
        out[outBase + o] = sum;
      }
    }
    return { data: out, shape: outShape };
  }
  const row = new Float64Array(inner);
  for (let a = 0; a < outer; a++) {
    for (let o = 0; o < m; o++) {
      row.fill(0);
      const wBase = o * maxCount;
      for (let t = 0; t < count[o]!; t++) {
        const weight = w[wBase + t]!;
        const inBase = (a * n + start[o]! + t) * inner;
        for (let c = 0; c < inner; c++) row[c] = row[c]! + weight * data[inBase + c]!;
      }
      out.set(row, (a * m + o) * inner);
    }
  }
  return { data: out, shape: outShape };
}

/**
 * Resamples all three axes (a separable 3D map), shrinking axes first so that the
 * intermediate arrays stay small.
 */
export function applySeparable(
  data: Float32Array,
  shape: Vec3,
  weights: readonly [AxisWeights, AxisWeights, AxisWeights],
): { data: Float32Array; shape: Vec3 } {
  const order = ([0, 1, 2] as const)
    .slice()
    .sort((a, b) => weights[a].outSize / shape[a] - weights[b].outSize / shape[b]);
  let current = { data, shape };
  for (const axis of order) {
    if (weights[axis].outSize === current.shape[axis] && isIdentity(weights[axis])) continue;
    current = applyAxisWeights(current.data, current.shape, axis, weights[axis]);
  }
  return current;
}

function isIdentity(weights: AxisWeights): boolean {
  for (let o = 0; o < weights.outSize; o++) {
    if (
      weights.start[o] !== o ||
      weights.count[o] !== 1 ||
      weights.weights[o * weights.maxCount] !== 1
    ) {
      return false;
    }
  }
  return true;
}
