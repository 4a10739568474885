import '@tensorflow/tfjs-backend-cpu';
import '../register-gradients';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../test-support/fixture-bundle';
import { ensureFusedBatchNormGradient } from './fused-batch-norm-gradient';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('ensureFusedBatchNormGradient', () => {
  it.each([
    ['rank 5 (3D volumes)', [2, 3, 4, 2, 5]],
    ['rank 4', [2, 3, 4, 5]],
    ['rank 2', [6, 5]],
  ])('%s: every input gradient equals that of the same expression in plain ops', (_name, shape) => {
    ensureFusedBatchNormGradient();
    const channels = shape[shape.length - 1]!;
    const x = tf.randomNormal(shape, 0, 1, 'float32', 1);
    const mean = tf.randomNormal([channels], 0, 0.5, 'float32', 2);
    const variance = tf.randomUniform([channels], 0.5, 2, 'float32', 3);
    const offset = tf.randomNormal([channels], 0, 0.3, 'float32', 4);
    const scale = tf.randomUniform([channels], 0.5, 1.5, 'float32', 5);
    const upstream = tf.randomNormal(shape, 0, 1, 'float32', 6);
    const loss = (y: tf.Tensor) => tf.sum(tf.mul(y, upstream)) as tf.Scalar;
    const fused = tf.grads((a, m, v, o, s) =>
      loss(
        tf.batchNorm(
          a!,
          m as tf.Tensor1D,
          v as tf.Tensor1D,
          o as tf.Tensor1D,
          s as tf.Tensor1D,
          1e-5,
        ),
      ),
    )([x, mean, variance, offset, scale]);
    const plain = tf.grads((a, m, v, o, s) =>
      loss(tf.add(tf.mul(tf.mul(tf.sub(a!, m!), tf.rsqrt(tf.add(v!, 1e-5))), s!), o!)),
    )([x, mean, variance, offset, scale]);
    fused.forEach((gradient, index) => {
      expect(gradient.shape).toEqual(plain[index]!.shape);
      expect(maxAbsDiff(gradient.dataSync(), plain[index]!.dataSync())).toBeLessThan(1e-4);
    });
    tf.dispose([x, mean, variance, offset, scale, upstream, ...fused, ...plain]);
  });

  it('is idempotent', () => {
    ensureFusedBatchNormGradient();
    const config = tf.getGradient('FusedBatchNorm');
    ensureFusedBatchNormGradient();
    expect(tf.getGradient('FusedBatchNorm')).toBe(config);
  });
});
