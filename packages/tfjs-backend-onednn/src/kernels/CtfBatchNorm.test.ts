import { CtfBatchNormBackward, CtfBatchNormForward } from '@ct-fracture/core';
import { batchNormBackwardReference, batchNormTrainingReference } from '@ct-fracture/densenet3d';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  compareWithCpu,
  countNativeCalls,
  describeNative,
  PARITY_TOLERANCE,
  randomArray,
  relativeError,
  runOn,
} from '../test-support/native-suite';

const EPSILON = 1e-5;

interface BatchNormCase {
  name: string;
  shape: number[];
  /** Per-channel mean offset of x, to test accuracy away from zero mean. */
  shift: number;
}

const CASES: BatchNormCase[] = [
  { name: 'DenseNet norm1 [2, 4, 4, 4, 96]', shape: [2, 4, 4, 4, 96], shift: 0 },
  { name: 'stem norm0 [1, 8, 8, 8, 64], mean 30', shape: [1, 8, 8, 8, 64], shift: 30 },
  { name: 'final norm5 [2, 1, 1, 1, 40]', shape: [2, 1, 1, 1, 40], shift: -2 },
  { name: 'rank 2 [17, 5]', shape: [17, 5], shift: 0.5 },
  { name: 'odd channels [3, 5, 3, 7]', shape: [3, 5, 3, 7], shift: 100 },
];

function inputs(c: BatchNormCase) {
  const channels = c.shape[c.shape.length - 1] ?? 1;
  const size = c.shape.reduce((a, b) => a * b, 1);
  const x = randomArray(size, 3, -2, 2).map(
    (v, i) => v * (1 + (i % channels) / channels) + c.shift,
  );
  return {
    x,
    scale: randomArray(channels, 4, 0.5, 1.5),
    offset: randomArray(channels, 5),
    dy: randomArray(size, 6),
    channels,
  };
}

/** The native kernels through the engine (what densenet3d runs on a backend that has them). */
function nativeOutputs(c: BatchNormCase) {
  const v = inputs(c);
  return () => {
    const x = tf.tensor(v.x, c.shape);
    const scale = tf.tensor1d(v.scale);
    const offset = tf.tensor1d(v.offset);
    const [y, mean, variance] = tf
      .engine()
      .runKernel(CtfBatchNormForward, { x, scale, offset }, { epsilon: EPSILON }) as tf.Tensor[];
    const dy = tf.tensor(v.dy, c.shape);
    const grads = tf
      .engine()
      .runKernel(
        CtfBatchNormBackward,
        { dy, x, scale, mean: mean as tf.Tensor, variance: variance as tf.Tensor },
        { epsilon: EPSILON },
      ) as tf.Tensor[];
    return [y as tf.Tensor, mean as tf.Tensor, variance as tf.Tensor, ...grads];
  };
}

/** densenet3d's composite reference (the contract's numerical reference), on cpu. */
function referenceOutputs(c: BatchNormCase) {
  const v = inputs(c);
  return () => {
    const x = tf.tensor(v.x, c.shape);
    const scale = tf.tensor1d(v.scale);
    const offset = tf.tensor1d(v.offset);
    const { y, mean, variance } = batchNormTrainingReference(x, scale, offset, EPSILON);
    const dy = tf.tensor(v.dy, c.shape);
    const { dx, dScale, dOffset } = batchNormBackwardReference(
      dy,
      x,
      scale,
      mean,
      variance,
      EPSILON,
    );
    return [y, mean, variance, dx, dScale, dOffset];
  };
}

describeNative(
  'CtfBatchNormForward / CtfBatchNormBackward match densenet3d’s composite reference',
  () => {
    it.each(CASES)('$name', async (c) => {
      const reference = await runOn('cpu', referenceOutputs(c));
      const { result: native, calls } = await countNativeCalls(() =>
        runOn('onednn', nativeOutputs(c)),
      );
      expect(calls.get('batchNormForward')).toBe(1);
      expect(calls.get('batchNormBackward')).toBe(1);
      const names = ['y', 'mean', 'variance', 'dx', 'dScale', 'dOffset'];
      names.forEach((name, i) => {
        expect(
          relativeError(native[i] ?? new Float32Array(), reference[i] ?? new Float32Array()),
          name,
        ).toBeLessThanOrEqual(PARITY_TOLERANCE);
      });
    });
  },
);

describeNative('FusedBatchNorm (inference) on onednn matches tfjs-backend-cpu', () => {
  it.each([
    ['[2, 4, 4, 4, 96] with scale and offset', [2, 4, 4, 4, 96], true],
    ['[3, 5, 7] without scale or offset', [3, 5, 7], false],
  ] as const)('%s', async (_name, shape, affine) => {
    const channels = shape[shape.length - 1] ?? 1;
    const x = randomArray(
      shape.reduce((a, b) => a * b, 1),
      60,
      -3,
      3,
    );
    const { worst, calls } = await compareWithCpu(() =>
      tf.batchNorm(
        tf.tensor(x, [...shape]),
        tf.tensor1d(randomArray(channels, 61)),
        tf.tensor1d(randomArray(channels, 62, 0.5, 2)),
        affine ? tf.tensor1d(randomArray(channels, 63)) : undefined,
        affine ? tf.tensor1d(randomArray(channels, 64, 0.5, 1.5)) : undefined,
        1e-5,
      ),
    );
    expect(worst).toBeLessThanOrEqual(PARITY_TOLERANCE);
    expect(calls.get('batchNormInference')).toBe(1);
  });
});
