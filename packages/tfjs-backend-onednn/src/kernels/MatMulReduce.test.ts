import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  compareWithCpu,
  describeNative,
  PARITY_TOLERANCE,
  randomArray,
} from '../test-support/native-suite';

const tensor = (shape: number[], seed: number) =>
  tf.tensor(
    randomArray(
      shape.reduce((a, b) => a * b, 1),
      seed,
    ),
    shape,
  );

describeNative('matmul and reductions on onednn match tfjs-backend-cpu', () => {
  it.each([
    ['head [2, 1024] × [1024, 3]', [2, 1024], [1024, 3], false, false],
    ['transposed a', [1024, 2], [1024, 3], true, false],
    ['transposed b', [2, 64], [5, 64], false, true],
    ['both transposed', [7, 4], [5, 7], true, true],
    ['batched', [3, 4, 6], [3, 6, 2], false, false],
  ] as const)('matMul %s and its gradients', async (_name, aShape, bShape, ta, tb) => {
    const { worst, calls } = await compareWithCpu(() => {
      const a = tensor([...aShape], 1);
      const b = tensor([...bShape], 2);
      const y = tf.matMul(a, b, ta, tb);
      const g = tensor(y.shape, 3);
      const grads = tf.grads((p: tf.Tensor, q: tf.Tensor) =>
        tf.sum(tf.mul(tf.matMul(p, q, ta, tb), g)),
      )([a, b]);
      return [y, ...grads];
    });
    expect(worst).toBeLessThanOrEqual(PARITY_TOLERANCE);
    expect(calls.get('batchMatMul')).toBeGreaterThan(0);
  });

  it('matMul with a broadcast batch (forward: tfjs-core has no gradient for it)', async () => {
    const { worst, calls } = await compareWithCpu(() =>
      tf.matMul(tensor([3, 4, 6], 1), tensor([1, 6, 2], 2)),
    );
    expect(worst).toBeLessThanOrEqual(PARITY_TOLERANCE);
    expect(calls.get('batchMatMul')).toBe(1);
  });

  it.each([
    ['global average pool', 'mean', [2, 3, 4, 5, 16], [1, 2, 3], false],
    ['keepDims', 'mean', [2, 3, 4, 5, 16], [1, 2, 3], true],
    ['sum over channels', 'sum', [2, 3, 4, 8], [3], false],
    ['sum over leading axes', 'sum', [6, 5, 4], [0, 1], false],
    ['everything', 'sum', [3, 4, 5], [0, 1, 2], false],
  ] as const)('%s (%s over %j)', async (_name, op, shape, axes, keepDims) => {
    const { worst, calls } = await compareWithCpu(() => {
      const x = tensor([...shape], 4);
      return op === 'mean' ? tf.mean(x, [...axes], keepDims) : tf.sum(x, [...axes], keepDims);
    });
    expect(worst).toBeLessThanOrEqual(PARITY_TOLERANCE);
    expect(calls.get('reduceSum')).toBe(1);
  });

  it('non-contiguous axes fall back to the cpu kernel', async () => {
    const { worst, calls } = await compareWithCpu(() => tf.sum(tensor([3, 4, 5], 5), [0, 2]));
    expect(worst).toBeLessThanOrEqual(PARITY_TOLERANCE);
    expect(calls.get('reduceSum')).toBeUndefined();
  });
});
