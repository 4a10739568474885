import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  compareWithCpu,
  describeNative,
  PARITY_TOLERANCE,
  randomArray,
  relativeError,
} from '../test-support/native-suite';

type Shape5 = [number, number, number, number, number];

interface PoolCase {
  kind: 'max' | 'avg';
  x: Shape5;
  filter: number | [number, number, number];
  strides: number | [number, number, number];
  pad: 'same' | 'valid' | number;
  /**
   * tfjs-backend-cpu's MaxPool3DGrad picks the wrong position when 'same' pads
   * only after the data (here: depth/height/width padded 0 before, 1 after); such
   * cases are checked against a brute-force gradient instead.
   */
  cpuGradientWrong?: boolean;
}

function poolAndGradient(c: PoolCase, seed: number, ties = false) {
  const values = randomArray(
    c.x.reduce((a, b) => a * b, 1),
    seed,
  );
  // Ties everywhere (ReLU zeros and repeated values): the last maximum in window order gets
  // the gradient, as tfjs-backend-cpu.
  if (ties)
    for (let i = 0; i < values.length; i++)
      values[i] = Math.max(0, Math.round((values[i] ?? 0) * 3) / 3);
  const pool = (x: tf.Tensor) =>
    c.kind === 'max'
      ? tf.maxPool3d(x as tf.Tensor5D, c.filter, c.strides, c.pad)
      : tf.avgPool3d(x as tf.Tensor5D, c.filter, c.strides, c.pad);
  return () => {
    const x = tf.tensor5d(values, c.x);
    const y = pool(x);
    const g = tf.tensor(randomArray(y.size, seed + 1), y.shape);
    const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(pool(a), g)))(x);
    return [y, dx];
  };
}

const CASES: PoolCase[] = [
  // DenseNet: pool0 (MaxPool3d(3, 2, padding 1)) and the transitions (AvgPool3d(2, 2)).
  { kind: 'max', x: [2, 8, 8, 8, 16], filter: 3, strides: 2, pad: 1 },
  { kind: 'max', x: [1, 7, 9, 6, 8], filter: 3, strides: 2, pad: 1 },
  { kind: 'avg', x: [2, 8, 8, 8, 16], filter: 2, strides: 2, pad: 'valid' },
  { kind: 'avg', x: [1, 5, 7, 6, 32], filter: 2, strides: 2, pad: 'valid' },
  {
    kind: 'max',
    x: [2, 5, 6, 7, 3],
    filter: [2, 3, 2],
    strides: [1, 2, 2],
    pad: 'same',
    cpuGradientWrong: true,
  },
  { kind: 'max', x: [1, 6, 6, 6, 4], filter: 3, strides: 1, pad: 'same' },
  { kind: 'max', x: [1, 6, 6, 6, 4], filter: 2, strides: 1, pad: 'valid' },
  { kind: 'avg', x: [3, 4, 5, 6, 5], filter: 3, strides: 1, pad: 'valid' },
  { kind: 'avg', x: [1, 6, 6, 6, 4], filter: 3, strides: 2, pad: 'valid' },
];

/** Σ over windows of g at each window's (first) argmax, the definition of the max-pool gradient. */
function bruteForceMaxPoolGradient(c: PoolCase, x: Float32Array, g: Float32Array): Float32Array {
  const [n, d, h, w, ch] = c.x;
  const k = typeof c.filter === 'number' ? [c.filter, c.filter, c.filter] : c.filter;
  const info = tf.backend_util.computePool3DInfo(c.x, c.filter, c.strides, 1, c.pad);
  const { front, top, left } = info.padInfo;
  const dx = new Float32Array(x.length);
  const at = (b: number, i: number, j: number, l: number, q: number) =>
    (((b * d + i) * h + j) * w + l) * ch + q;
  let out = 0;
  for (let b = 0; b < n; b++)
    for (let od = 0; od < info.outDepth; od++)
      for (let oh = 0; oh < info.outHeight; oh++)
        for (let ow = 0; ow < info.outWidth; ow++)
          for (let q = 0; q < ch; q++, out++) {
            let best = Number.NEGATIVE_INFINITY;
            let where = -1;
            for (let a = 0; a < (k[0] ?? 1); a++)
              for (let e = 0; e < (k[1] ?? 1); e++)
                for (let f = 0; f < (k[2] ?? 1); f++) {
                  const i = od * info.strideDepth - front + a;
                  const j = oh * info.strideHeight - top + e;
                  const l = ow * info.strideWidth - left + f;
                  if (i < 0 || j < 0 || l < 0 || i >= d || j >= h || l >= w) continue;
                  const v = x[at(b, i, j, l, q)] ?? 0;
                  if (v > best) {
                    best = v;
                    where = at(b, i, j, l, q);
                  }
                }
            dx[where] = (dx[where] ?? 0) + (g[out] ?? 0);
          }
  return dx;
}

describeNative('MaxPool3D / AvgPool3D and their gradients on onednn match tfjs-backend-cpu', () => {
  it.each(CASES)('$kind x [$x] filter $filter strides $strides pad $pad', async (c) => {
    const { errors, calls, onednn } = await compareWithCpu(poolAndGradient(c, 11));
    expect(errors[0], 'forward').toBeLessThanOrEqual(PARITY_TOLERANCE);
    if (c.kind === 'max') {
      const x = randomArray(
        c.x.reduce((a, b) => a * b, 1),
        11,
      );
      const g = randomArray(onednn[0]?.length ?? 0, 12);
      const reference = bruteForceMaxPoolGradient(c, x, g);
      expect(
        relativeError(onednn[1] ?? new Float32Array(), reference),
        'gradient vs brute force',
      ).toBeLessThanOrEqual(PARITY_TOLERANCE);
    }
    if (!c.cpuGradientWrong) expect(errors[1], 'gradient').toBeLessThanOrEqual(PARITY_TOLERANCE);
    expect(calls.get('pool3dForward')).toBeGreaterThan(0);
    expect(calls.get('pool3dBackward')).toBeGreaterThan(0);
  });

  it.each(CASES.filter((c) => c.kind === 'max' && !c.cpuGradientWrong))(
    'max with ties x [$x] filter $filter strides $strides pad $pad: the same positions as tfjs-backend-cpu',
    async (c) => {
      const { errors } = await compareWithCpu(poolAndGradient(c, 13, true));
      expect(errors[0], 'forward').toBe(0);
      // A maximum credited to another position would be an error of order 1; what remains is
      // the order in which a position's contributions are summed.
      expect(errors[1], 'gradient').toBeLessThan(1e-6);
    },
  );
});
