/** How a 1D resampling combines input samples: output `o` = Σ `weights[t]` · input[`start[o]` + t]. */
export interface AxisWeights {
  inSize: number;
  outSize: number;
  /** First input index of each output. */
  start: Int32Array;
  /** Number of consecutive input samples of each output. */
  count: Int32Array;
  /** Weights, `maxCount` per output (unused slots are 0). */
  weights: Float64Array;
  maxCount: number;
}

/** The interpolation modes of {@link AxisWeights}, as `torch.nn.functional.interpolate`. */
export type ResizeMode = 'area' | 'trilinear' | 'nearest';

function build(
  inSize: number,
  outSize: number,
  maxCount: number,
  fill: (o: number) => { start: number; weights: number[] },
): AxisWeights {
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * maxCount);
  for (let o = 0; o < outSize; o++) {
    const entry = fill(o);
    start[o] = entry.start;
    count[o] = entry.weights.length;
    entry.weights.forEach((weight, t) => {
      weights[o * maxCount + t] = weight;
    });
  }
  return { inSize, outSize, start, count, weights, maxCount };
}

/**
 * Adaptive average pooling along one axis (`F.interpolate(mode='area')`): output `o` averages
 * input `[floor(o·in/out), ceil((o+1)·in/out))`, index arithmetic in float32 as PyTorch.
 */
export function areaWeights(inSize: number, outSize: number): AxisWeights {
  const bounds = (o: number) => {
    const lo = Math.floor(Math.fround(Math.fround(o * inSize) / outSize));
    const hi = Math.ceil(Math.fround(Math.fround((o + 1) * inSize) / outSize));
    return [lo, hi] as const;
  };
  let maxCount = 1;
  for (let o = 0; o < outSize; o++) {
    const [lo, hi] = bounds(o);
    maxCount = Math.max(maxCount, hi - lo);
  }
  return build(inSize, outSize, maxCount, (o) => {
    const [lo, hi] = bounds(o);
    return { start: lo, weights: new Array<number>(hi - lo).fill(1 / (hi - lo)) };
  });
}

/**
 * Linear interpolation along one axis with `align_corners=False` (PyTorch's
 * `trilinear`/`linear`): source `max(0, (o + 0.5)·in/out − 0.5)`, clamped at the last sample.
 */
export function linearWeights(inSize: number, outSize: number): AxisWeights {
  const scale = inSize / outSize;
  return build(inSize, outSize, 2, (o) => {
    const source = Math.max(0, (o + 0.5) * scale - 0.5);
    const low = Math.min(Math.floor(source), inSize - 1);
    const lambda = source - low;
    if (low >= inSize - 1) return { start: inSize - 1, weights: [1] };
    return { start: low, weights: [1 - lambda, lambda] };
  });
}

/** Nearest neighbour along one axis as PyTorch's `nearest`: `min(floor(o·in/out), in − 1)` in float32. */
export function nearestWeights(inSize: number, outSize: number): AxisWeights {
  const scale = Math.fround(inSize / outSize);
  return build(inSize, outSize, 1, (o) => ({
    start: Math.min(Math.floor(Math.fround(o * scale)), inSize - 1),
    weights: [1],
  }));
}

/**
 * Weights for an arbitrary affine grid map along one axis: output `o` sits at input position
 * `scale · o + offset` (voxel centres at integers). `'trilinear'`: linear between the two
 * neighbours, clamped at the edges; `'nearest'`: the closest voxel; `'area'`: the average over
 * the output voxel's footprint `[p − scale/2, p + scale/2]`, weighted by overlap.
 */
export function mappedWeights(
  mode: ResizeMode,
  inSize: number,
  outSize: number,
  scale: number,
  offset: number,
): AxisWeights {
  const position = (o: number) => scale * o + offset;
  if (mode === 'nearest') {
    return build(inSize, outSize, 1, (o) => ({
      start: Math.min(inSize - 1, Math.max(0, Math.floor(position(o) + 0.5))),
      weights: [1],
    }));
  }
  if (mode === 'trilinear') {
    return build(inSize, outSize, 2, (o) => {
      const source = Math.min(inSize - 1, Math.max(0, position(o)));
      const low = Math.min(Math.floor(source), inSize - 1);
      if (low >= inSize - 1) return { start: inSize - 1, weights: [1] };
      return { start: low, weights: [1 - (source - low), source - low] };
    });
  }
  const half = Math.abs(scale) / 2;
  const footprint = (o: number) => {
    const lo = Math.max(-0.5, position(o) - half);
    const hi = Math.min(inSize - 0.5, position(o) + half);
    if (!(hi > lo)) {
      const nearest = Math.min(inSize - 1, Math.max(0, Math.round(position(o))));
      return { start: nearest, weights: [1] };
    }
    const first = Math.max(0, Math.floor(lo + 0.5));
    const last = Math.min(inSize - 1, Math.ceil(hi - 0.5));
    const weights: number[] = [];
    for (let x = first; x <= last; x++) {
      weights.push(Math.max(0, Math.min(hi, x + 0.5) - Math.max(lo, x - 0.5)));
    }
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    return { start: first, weights: weights.map((weight) => weight / total) };
  };
  let maxCount = 1;
  for (let o = 0; o < outSize; o++) maxCount = Math.max(maxCount, footprint(o).weights.length);
  return build(inSize, outSize, maxCount, footprint);
}

/** The weights of `mode` for resizing one axis from `inSize` to `outSize` samples. */
export function axisWeights(mode: ResizeMode, inSize: number, outSize: number): AxisWeights {
  if (mode === 'area') return areaWeights(inSize, outSize);
  if (mode === 'trilinear') return linearWeights(inSize, outSize);
  return nearestWeights(inSize, outSize);
}

/**
 * The weights of resizing the reversed axis, expressed on the original axis: output `o` of the
 * result is output `out − 1 − o` of resizing the flipped input, mirrored back. Resizing with
 * these and then flipping equals flipping and then resizing (it matters for `'nearest'`,
 * whose index rule is not symmetric).
 */
export function mirrorWeights(axis: AxisWeights): AxisWeights {
  const { inSize, outSize, maxCount } = axis;
  return build(inSize, outSize, maxCount, (o) => {
    const from = outSize - 1 - o;
    const count = axis.count[from]!;
    const weights: number[] = [];
    for (let t = count - 1; t >= 0; t--) weights.push(axis.weights[from * maxCount + t]!);
    return { start: inSize - (axis.start[from]! + count), weights };
  });
}

/**
 * The same weights indexed by input sample: for input `x`, the outputs it feeds and with
 * what weight (used when the input arrives one slice at a time).
 */
export function scatterWeights(axis: AxisWeights): { outputs: number[]; weights: number[] }[] {
  const byInput = Array.from({ length: axis.inSize }, () => ({
    outputs: [] as number[],
    weights: [] as number[],
  }));
  for (let o = 0; o < axis.outSize; o++) {
    for (let t = 0; t < axis.count[o]!; t++) {
      const entry = byInput[axis.start[o]! + t]!;
      entry.outputs.push(o);
      entry.weights.push(axis.weights[o * axis.maxCount + t]!);
    }
  }
  return byInput;
}
