import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  compareWithCpu,
  describeNative,
  PARITY_TOLERANCE,
  randomArray,
} from '../test-support/native-suite';

const SHAPE = [2, 3, 4, 5, 8];
const SIZE = SHAPE.reduce((a, b) => a * b, 1);

type Unary = (x: tf.Tensor) => tf.Tensor;
const UNARY: Array<[string, Unary, number, number]> = [
  // name, op, input range
  ['relu', (x) => tf.relu(x), -1, 1],
  ['step (relu gradient)', (x) => tf.step(x, 0.25), -1, 1],
  ['sqrt', (x) => tf.sqrt(x), 0, 4],
  ['rsqrt', (x) => tf.rsqrt(x), 0.1, 4],
  ['square', (x) => tf.square(x), -2, 2],
  ['neg', (x) => tf.neg(x), -2, 2],
  ['abs', (x) => tf.abs(x), -2, 2],
  ['exp', (x) => tf.exp(x), -3, 3],
  ['log', (x) => tf.log(x), 0.1, 5],
  ['reciprocal', (x) => tf.reciprocal(x), 0.5, 3],
  ['sigmoid', (x) => tf.sigmoid(x), -5, 5],
];

type Binary = (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;
const BINARY: Array<[string, Binary]> = [
  ['add', (a, b) => tf.add(a, b)],
  ['sub', (a, b) => tf.sub(a, b)],
  ['mul', (a, b) => tf.mul(a, b)],
  ['div', (a, b) => tf.div(a, b)],
  ['maximum', (a, b) => tf.maximum(a, b)],
  ['minimum', (a, b) => tf.minimum(a, b)],
  ['squaredDifference', (a, b) => tf.squaredDifference(a, b)],
];

const BROADCASTS: Array<[string, number[], number[]]> = [
  ['same shape', SHAPE, SHAPE],
  ['per-channel vector', SHAPE, [8]],
  ['vector first', [1, 1, 1, 1, 8], SHAPE],
  ['per-sample', SHAPE, [2, 1, 1, 1, 1]],
  ['scalar', SHAPE, []],
  ['scalar first', [], SHAPE],
];

describeNative('element-wise kernels on onednn match tfjs-backend-cpu', () => {
  it.each(UNARY)('%s', async (_name, op, lo, hi) => {
    const values = randomArray(SIZE, 21, lo, hi);
    const { worst, calls } = await compareWithCpu(() => op(tf.tensor(values, SHAPE)));
    expect(worst).toBeLessThanOrEqual(PARITY_TOLERANCE);
    expect(calls.get('unary')).toBe(1);
  });

  const binaryCases = BINARY.flatMap(([name, op]) =>
    BROADCASTS.map(([kind, a, b]) => [name, kind, op, a, b] as const),
  );
  it.each(binaryCases)('%s, %s', async (_name, _kind, op, aShape, bShape) => {
    const a = randomArray(
      aShape.reduce((p, q) => p * q, 1),
      22,
    );
    const b = randomArray(
      bShape.reduce((p, q) => p * q, 1),
      23,
      0.5,
      2,
    );
    const { worst, calls } = await compareWithCpu(() =>
      op(tf.tensor(a, aShape), tf.tensor(b, bShape)),
    );
    expect(worst).toBeLessThanOrEqual(PARITY_TOLERANCE);
    expect(calls.get('binary')).toBe(1);
  });

  it.each(BINARY)(
    '%s, per-sample and per-channel ([n, 1, 1, 1, c]: a global pool gradient), one native op per sample',
    async (_name, op) => {
      const a = randomArray(2 * 8, 24);
      const b = randomArray(SIZE, 25, 0.5, 2);
      const { worst, calls } = await compareWithCpu(() => [
        op(tf.tensor(a, [2, 1, 1, 1, 8]), tf.tensor(b, SHAPE)),
        op(tf.tensor(b, SHAPE), tf.tensor(a, [2, 1, 1, 1, 8])),
      ]);
      expect(worst).toBeLessThanOrEqual(PARITY_TOLERANCE);
      expect(calls.get('binary')).toBe(4);
    },
  );

  it('addN of four tensors', async () => {
    const arrays = [0, 1, 2, 3].map((i) => randomArray(SIZE, 30 + i));
    const { worst, calls } = await compareWithCpu(() =>
      tf.addN(arrays.map((a) => tf.tensor(a, SHAPE))),
    );
    expect(worst).toBeLessThanOrEqual(PARITY_TOLERANCE);
    expect(calls.get('addN')).toBe(1);
  });

  it('int32 inputs and uncovered broadcasts fall back to the cpu kernels', async () => {
    const { worst, calls } = await compareWithCpu(() => [
      tf.add(tf.tensor([1, 2, 3], [3], 'int32'), tf.tensor([4, 5, 6], [3], 'int32')),
      tf.mul(tf.tensor(randomArray(24, 40), [2, 3, 4]), tf.tensor(randomArray(3, 41), [3, 1])),
    ]);
    expect(worst).toBe(0);
    expect(calls.get('binary')).toBeUndefined();
  });

  it('relu gradient (Step · dy) as in training', async () => {
    const values = randomArray(SIZE, 50);
    const g = randomArray(SIZE, 51);
    const { worst } = await compareWithCpu(() =>
      tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.relu(x), tf.tensor(g, SHAPE))))(
        tf.tensor(values, SHAPE),
      ),
    );
    expect(worst).toBeLessThanOrEqual(PARITY_TOLERANCE);
  });
});
