import '@tensorflow/tfjs-backend-cpu';
import '../register-gradients';
import { SeededRandom } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../test-support/fixture-bundle';
import { registerCpuWithBatchNormKernels } from '../test-support/js-batch-norm-kernels';
import { batchNormTraining } from './batch-norm-training';
import { batchNormTrainingReference } from './reference';

beforeAll(async () => {
  await registerCpuWithBatchNormKernels('cpu-bn-kernels');
  await registerCpuWithBatchNormKernels('cpu-bn-forward-only', false);
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

function tensor(shape: number[], seed: number, shift = 0): tf.Tensor {
  const random = new SeededRandom(seed, 'splitmix32');
  const size = shape.reduce((product, dimension) => product * dimension, 1);
  const normals = random.fillNormal(new Float64Array(size));
  return tf.tensor(
    Float32Array.from(normals, (value) => value + shift),
    shape,
  );
}

interface Outcome {
  y: Float32Array;
  mean: Float32Array;
  variance: Float32Array;
  grads: Float32Array[];
}

function run(shape: number[]): Outcome {
  const channels = shape[shape.length - 1]!;
  const x = tensor(shape, 1, 3);
  const scale = tensor([channels], 2, 1) as tf.Tensor1D;
  const offset = tensor([channels], 3) as tf.Tensor1D;
  const upstream = tensor(shape, 4);
  const result = batchNormTraining(x, scale, offset, 1e-5);
  const outcome = {
    y: result.y.dataSync() as Float32Array,
    mean: result.mean.dataSync() as Float32Array,
    variance: result.variance.dataSync() as Float32Array,
  };
  const grads = tf.grads((a, b, c) =>
    tf.sum(tf.mul(batchNormTraining(a!, b as tf.Tensor1D, c as tf.Tensor1D, 1e-5).y, upstream)),
  )([x, scale, offset]);
  const gradValues = grads.map((grad) => grad.dataSync() as Float32Array);
  tf.dispose([x, scale, offset, upstream, result.y, result.mean, result.variance, ...grads]);
  return { ...outcome, grads: gradValues };
}

/** Numerical gradient of Σ y·u w.r.t. a few elements of x (central differences, float64 reference). */
function reference(shape: number[]): Outcome {
  return tf.tidy(() => {
    const channels = shape[shape.length - 1]!;
    const x = tensor(shape, 1, 3);
    const scale = tensor([channels], 2, 1) as tf.Tensor1D;
    const offset = tensor([channels], 3) as tf.Tensor1D;
    const { y, mean, variance } = batchNormTrainingReference(x, scale, offset, 1e-5);
    const upstream = tensor(shape, 4);
    const grads = tf.grads((a, b, c) =>
      tf.sum(
        tf.mul(
          batchNormTrainingReference(a!, b as tf.Tensor1D, c as tf.Tensor1D, 1e-5).y,
          upstream,
        ),
      ),
    )([x, scale, offset]);
    return {
      y: y.dataSync() as Float32Array,
      mean: mean.dataSync() as Float32Array,
      variance: variance.dataSync() as Float32Array,
      grads: grads.map((grad) => grad.dataSync() as Float32Array),
    };
  });
}

describe('batchNormTraining (PyTorch training-mode BN)', () => {
  it.each([
    ['cpu', 'composite fallback (no kernel)'],
    ['cpu-bn-kernels', 'CtfBatchNormForward + CtfBatchNormBackward kernels'],
    ['cpu-bn-forward-only', 'forward kernel, reference backward'],
  ])('%s (%s) matches autodiff through the plain-op reference', async (backend) => {
    const shape = [2, 3, 4, 5, 6];
    await tf.setBackend('cpu');
    const expected = reference(shape);
    await tf.setBackend(backend);
    const actual = run(shape);
    expect(maxAbsDiff(actual.y, expected.y)).toBeLessThan(1e-5);
    expect(maxAbsDiff(actual.mean, expected.mean)).toBeLessThan(1e-5);
    expect(maxAbsDiff(actual.variance, expected.variance)).toBeLessThan(1e-5);
    expect(actual.grads).toHaveLength(3);
    actual.grads.forEach((grad, index) => {
      expect(maxAbsDiff(grad, expected.grads[index]!)).toBeLessThan(1e-4);
    });
  });

  it('leaves no tensors behind on any path', async () => {
    for (const backend of ['cpu', 'cpu-bn-kernels']) {
      await tf.setBackend(backend);
      run([2, 4, 4, 4, 3]);
      const before = tf.memory().numTensors;
      run([2, 4, 4, 4, 3]);
      expect(tf.memory().numTensors, backend).toBe(before);
    }
  });
});
