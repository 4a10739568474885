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

describeNative('concat, split, slice and pad on onednn match tfjs-backend-cpu', () => {
  it.each([
    [
      'channels (dense block)',
      [
        [2, 3, 4, 5, 64],
        [2, 3, 4, 5, 32],
      ],
      4,
    ],
    [
      'three inputs, axis 2',
      [
        [2, 3, 1, 5],
        [2, 3, 4, 5],
        [2, 3, 2, 5],
      ],
      2,
    ],
    [
      'axis 0',
      [
        [1, 4, 6],
        [3, 4, 6],
      ],
      0,
    ],
    [
      'negative axis',
      [
        [4, 3],
        [4, 5],
      ],
      -1,
    ],
  ] as const)('concat %s and its gradient', async (_name, shapes, axis) => {
    const g = randomArray(20_000, 99);
    const { worst, calls } = await compareWithCpu(() => {
      const inputs = shapes.map((s, i) => tensor([...s], i + 1));
      const y = tf.concat(inputs, axis);
      const dy = tf.tensor(g.subarray(0, y.size), y.shape);
      const grads = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(tf.concat(xs, axis), dy)))(
        inputs,
      );
      return [y, ...grads];
    });
    expect(worst).toBeLessThanOrEqual(PARITY_TOLERANCE);
    expect(calls.get('concat')).toBeGreaterThan(0);
  });

  it.each([
    ['channel range', [2, 3, 4, 5, 16], [0, 0, 0, 0, 4], [2, 3, 4, 5, 8]],
    ['spatial crop', [2, 6, 6, 6, 3], [0, 1, 2, 0, 0], [2, 4, 3, 6, 3]],
    ['every axis', [3, 4, 5, 6], [1, 1, 1, 1], [2, 2, 3, 4]],
  ] as const)('slice %s', async (_name, shape, begin, size) => {
    const { worst, calls } = await compareWithCpu(() =>
      tf.slice(tensor([...shape], 7), [...begin], [...size]),
    );
    expect(worst).toBe(0);
    expect(calls.get('slice')).toBe(1);
  });

  it('a contiguous slice stays a zero-copy view (cpu kernel)', async () => {
    const { worst, calls } = await compareWithCpu(() =>
      tf.slice(tensor([4, 3, 2], 8), [1, 0, 0], [2, 3, 2]),
    );
    expect(worst).toBe(0);
    expect(calls.get('slice')).toBeUndefined();
  });

  it.each([
    [
      'stem padding',
      [1, 6, 5, 4, 1],
      [
        [0, 0],
        [3, 3],
        [3, 3],
        [3, 3],
        [0, 0],
      ],
      0,
    ],
    [
      'asymmetric with value',
      [2, 3, 4],
      [
        [1, 0],
        [0, 2],
        [3, 1],
      ],
      -1.5,
    ],
    [
      'a middle axis only (trailing axes copied as blocks)',
      [2, 3, 4, 5],
      [
        [0, 0],
        [2, 1],
        [0, 0],
        [0, 0],
      ],
      7,
    ],
    [
      'the first axis only',
      [2, 3, 4],
      [
        [1, 2],
        [0, 0],
        [0, 0],
      ],
      0.5,
    ],
    [
      'nothing',
      [3, 4],
      [
        [0, 0],
        [0, 0],
      ],
      0,
    ],
  ] as const)('pad %s', async (_name, shape, paddings, value) => {
    const { worst, calls } = await compareWithCpu(() =>
      tf.pad(
        tensor([...shape], 9),
        paddings.map((p) => [p[0], p[1]] as [number, number]),
        value,
      ),
    );
    expect(worst).toBe(0);
    expect(calls.get('pad')).toBe(1);
  });
});
