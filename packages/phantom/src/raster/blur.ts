/**
 * Separable [1, 2, 1] / 4 blur along each axis of a C-order volume (k
 * fastest), edges replicated: a cheap point-spread function that softens the
 * analytic edges as a CT reconstruction kernel does. In place; the i and j
 * passes work on whole contiguous slabs so memory is read in order.
 * @param data - values in C order over `shape`.
 * @param shape - `[ni, nj, nk]`.
 * @example
 * blurInPlace(volume.data, volume.shape);
 */
export function blurInPlace(data: Float32Array, shape: readonly [number, number, number]): void {
  const [ni, nj, nk] = shape;
  blurAxis(data, ni, nj * nk, 1);
  blurAxis(data, nj, nk, ni);
  blurAxis(data, nk, 1, ni * nj);
}

/**
 * Blurs along an axis of length `n` whose neighbours are `stride` apart, for
 * `outer` independent runs of `n · stride` values.
 */
function blurAxis(data: Float32Array, n: number, stride: number, outer: number): void {
  if (n < 2) return;
  if (stride === 1) {
    for (let o = 0; o < outer; o++) {
      const base = o * n;
      let previous = data[base]!;
      for (let t = 0; t < n; t++) {
        const current = data[base + t]!;
        const next = t === n - 1 ? current : data[base + t + 1]!;
        data[base + t] = 0.25 * previous + 0.5 * current + 0.25 * next;
        previous = current;
      }
    }
    return;
  }
  let previous = new Float32Array(stride);
  let current = new Float32Array(stride);
  for (let o = 0; o < outer; o++) {
    const base = o * n * stride;
    previous.set(data.subarray(base, base + stride));
    for (let t = 0; t < n; t++) {
      const start = base + t * stride;
      current.set(data.subarray(start, start + stride));
      const nextStart = t === n - 1 ? start : start + stride;
      for (let s = 0; s < stride; s++) {
        const next = t === n - 1 ? current[s]! : data[nextStart + s]!;
        data[start + s] = 0.25 * previous[s]! + 0.5 * current[s]! + 0.25 * next;
      }
      const held = previous;
      previous = current;
      current = held;
    }
  }
}
