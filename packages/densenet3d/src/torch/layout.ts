import { DenseNetError } from '../errors/densenet-error';

/** A dense float32 tensor in PyTorch (row-major) layout. */
export interface TorchArray {
  shape: number[];
  data: Float32Array;
}

/**
 * Converts a PyTorch weight to this package's layout: convolution `[out, in, kd, kh, kw]` →
 * `[kd, kh, kw, in, out]`, Linear `[out, in]` → `[in, out]`, vectors unchanged. One pass,
 * no tfjs involved.
 * @throws DenseNetError `shape-mismatch` for any other rank.
 * @example
 * const { shape, data } = torchToTfjsLayout({ shape: [8, 1, 7, 7, 7], data });
 */
export function torchToTfjsLayout(array: TorchArray, key = ''): TorchArray {
  const { shape, data } = array;
  if (shape.length <= 1) return { shape: [...shape], data };
  if (shape.length === 2) {
    const [rows, columns] = shape as [number, number];
    const out = new Float32Array(data.length);
    for (let row = 0; row < rows; row += 1) {
      for (let column = 0; column < columns; column += 1)
        out[column * rows + row] = data[row * columns + column]!;
    }
    return { shape: [columns, rows], data: out };
  }
  if (shape.length === 5) {
    const [outputs, inputs, kd, kh, kw] = shape as [number, number, number, number, number];
    const spatial = kd * kh * kw;
    const out = new Float32Array(data.length);
    for (let o = 0; o < outputs; o += 1) {
      for (let i = 0; i < inputs; i += 1) {
        const source = (o * inputs + i) * spatial;
        for (let s = 0; s < spatial; s += 1)
          out[(s * inputs + i) * outputs + o] = data[source + s]!;
      }
    }
    return { shape: [kd, kh, kw, inputs, outputs], data: out };
  }
  throw new DenseNetError({
    code: 'shape-mismatch',
    message: `a weight must be a vector, a Linear [out, in] or a 3D convolution [out, in, kd, kh, kw], got shape [${shape}]`,
    key,
    value: JSON.stringify(shape),
  });
}
