import '@tensorflow/tfjs-backend-cpu';
import '../register-gradients';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCpuWithBatchNormKernels } from '../test-support/js-batch-norm-kernels';
import { compareBackends } from './compare-backends';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await registerCpuWithBatchNormKernels('cpu-parity');
});

describe('compareBackends', () => {
  it('reports near-zero differences between cpu (composite BN) and a backend with BN kernels', async () => {
    const [reference, other] = await compareBackends({
      config: {
        body: {
          inChannels: 1,
          initFeatures: 4,
          growthRate: 2,
          blockConfig: [2, 2],
          bnSize: 2,
          dropoutProb: 0,
        },
        heads: [
          { task: 'a', kind: 'multiclass', classes: ['x', 'y', 'z'] },
          { task: 'b', kind: 'binary', classes: ['no', 'yes'] },
        ],
      },
      seed: 11,
      backends: ['cpu', 'cpu-parity'],
      inputShape: [2, 16, 16, 16, 1],
    });
    expect(reference).toMatchObject({
      backend: 'cpu',
      maxAbsLogitDifference: 0,
      maxAbsGradientDifference: 0,
    });
    expect(other!.backend).toBe('cpu-parity');
    expect(other!.maxAbsLogitDifference).toBeLessThan(1e-5);
    expect(other!.maxAbsGradientDifference).toBeLessThan(1e-4);
    expect(other!.maxAbsRunningStatisticDifference).toBeLessThan(1e-5);
    expect(other!.maxAbsGradientDifference).toBeGreaterThan(0); // genuinely different arithmetic
    expect(tf.getBackend()).toBe('cpu');
  });
});
