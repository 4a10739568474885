/** Per output index along one axis: the two source indices and the weight of the second. */
interface AxisTaps {
  low: Int32Array;
  high: Int32Array;
  weight: Float32Array;
}

/** PyTorch's `align_corners=False` source positions: `(o + 0.5) · in/out − 0.5`, clamped at 0. */
function axisTaps(inSize: number, outSize: number): AxisTaps {
  const low = new Int32Array(outSize);
  const high = new Int32Array(outSize);
  const weight = new Float32Array(outSize);
  const scale = inSize / outSize;
  for (let o = 0; o < outSize; o++) {
    const source = Math.max(0, (o + 0.5) * scale - 0.5);
    const i0 = Math.min(Math.floor(source), inSize - 1);
    low[o] = i0;
    high[o] = Math.min(i0 + 1, inSize - 1);
    weight[o] = source - i0;
  }
  return { low, high, weight };
}

/**
 * Resizes a C-order 3D array with trilinear interpolation exactly as
 * `torch.nn.functional.interpolate(mode='trilinear', align_corners=False)` (no antialiasing).
 * Browser-safe (plain arrays; no file-system code).
 * @param data - C order over `inShape` (last axis fastest).
 * @example
 * trilinearResize(layerCam, [4, 4, 4], [64, 64, 64]);
 */
export function trilinearResize(
  data: Float32Array,
  inShape: readonly [number, number, number],
  outShape: readonly [number, number, number],
): Float32Array {
  const [a, b, c] = [0, 1, 2].map((axis) => axisTaps(inShape[axis]!, outShape[axis]!)) as [
    AxisTaps,
    AxisTaps,
    AxisTaps,
  ];
  const [, nj, nk] = inShape;
  const [oi, oj, ok] = outShape;
  const out = new Float32Array(oi * oj * ok);
  const at = (i: number, j: number, k: number) => data[(i * nj + j) * nk + k]!;
  let index = 0;
  for (let x = 0; x < oi; x++) {
    const [x0, x1, fx] = [a.low[x]!, a.high[x]!, a.weight[x]!];
    for (let y = 0; y < oj; y++) {
      const [y0, y1, fy] = [b.low[y]!, b.high[y]!, b.weight[y]!];
      for (let z = 0; z < ok; z++, index++) {
        const [z0, z1, fz] = [c.low[z]!, c.high[z]!, c.weight[z]!];
        const c00 = at(x0, y0, z0) * (1 - fz) + at(x0, y0, z1) * fz;
        const c01 = at(x0, y1, z0) * (1 - fz) + at(x0, y1, z1) * fz;
        const c10 = at(x1, y0, z0) * (1 - fz) + at(x1, y0, z1) * fz;
        const c11 = at(x1, y1, z0) * (1 - fz) + at(x1, y1, z1) * fz;
        out[index] = (c00 * (1 - fy) + c01 * fy) * (1 - fx) + (c10 * (1 - fy) + c11 * fy) * fx;
      }
    }
  }
  return out;
}
