import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectTorchParity,
  optimizerFixture,
  runOptimizerCase,
} from '../test-support/adam-fixture';
import { AdamOptimizer } from './adam';
import { hasFusedAdamKernel } from './adam-kernel';
import { GradientAccumulator } from './gradients';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('AdamOptimizer against torch.optim', () => {
  it.each(optimizerFixture.cases)('$name', async (c) => {
    const run = runOptimizerCase(c);
    await expectTorchParity(c, run);
    run.norms.forEach((norm, i) => {
      expect(norm).toBeCloseTo(c.gradientNorms[i]!, 4);
    });
  });

  it('continues bit-exactly from a restored state', async () => {
    const makeVariables = () =>
      new Map([['w', tf.variable(tf.tensor([0.5, -1, 2]))]]) as Map<string, tf.Variable>;
    const options = {
      type: 'adamw' as const,
      betas: [0.9, 0.999] as const,
      eps: 1e-8,
      weightDecay: 0.01,
    };
    const gradient = (k: number) => new Map([['w', tf.tensor([0.1 * k, -0.3, k])]]);
    const straight = makeVariables();
    const a = new AdamOptimizer(straight, options);
    for (let k = 1; k <= 4; k += 1) a.apply(gradient(k), 1e-3);

    const first = makeVariables();
    const b = new AdamOptimizer(first, options);
    for (let k = 1; k <= 2; k += 1) b.apply(gradient(k), 1e-3);
    const saved = await b.getState();
    const weights = first.get('w')!.dataSync().slice();
    const second = new Map([['w', tf.variable(tf.tensor(weights))]]);
    const c = new AdamOptimizer(second, options);
    c.setState(saved);
    for (let k = 3; k <= 4; k += 1) c.apply(gradient(k), 1e-3);
    expect(Array.from(second.get('w')!.dataSync())).toEqual(
      Array.from(straight.get('w')!.dataSync()),
    );
  });
});

describe('AdamOptimizer on the cpu backend (composite path)', () => {
  it('finds no CtfAdamUpdate kernel and runs the element-wise ops', async () => {
    expect(hasFusedAdamKernel()).toBe(false);
    const w = tf.variable(tf.tensor([0.5, -1, 2]));
    const adam = new AdamOptimizer(new Map([['w', w]]), {
      type: 'adam',
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
    });
    const gradient = tf.tensor([0.1, -0.3, 1]);
    const { kernelNames } = await tf.profile(() => {
      adam.apply(new Map([['w', gradient]]), 1e-3);
    });
    expect(kernelNames).toContain('Sqrt');
    expect(kernelNames).not.toContain('CtfAdamUpdate');
    tf.dispose([w, gradient]);
    adam.dispose();
  });

  it('keeps the tensor count flat across steps', () => {
    const w = tf.variable(tf.ones([4, 3]));
    const adam = new AdamOptimizer(new Map([['w', w]]), {
      type: 'adamw',
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0.01,
    });
    const before = tf.memory().numTensors;
    for (let k = 1; k <= 5; k += 1) {
      const gradient = tf.fill([4, 3], 0.1 * k);
      adam.apply(new Map([['w', gradient]]), 1e-3);
      gradient.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
    w.dispose();
    adam.dispose();
  });
});

describe('GradientAccumulator', () => {
  it('averages micro-batch gradients without leaking', () => {
    const before = tf.memory().numTensors;
    const accumulator = new GradientAccumulator();
    accumulator.add(new Map([['w', tf.tensor([1, 2])]]));
    accumulator.add(new Map([['w', tf.tensor([3, 6])]]));
    const mean = accumulator.take();
    expect(Array.from(mean.get('w')!.dataSync())).toEqual([2, 4]);
    tf.dispose([...mean.values()]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
