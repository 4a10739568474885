import '@tensorflow/tfjs-backend-cpu';
import '../register-gradients';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DenseNetBodyConfig } from '../presets';
import { registerCpuWithBatchNormKernels } from '../test-support/js-batch-norm-kernels';
import type { HeadConfig } from './config';
import { createDenseNet3d } from './create';
import type { DenseNet3d } from './dense-net-3d';

beforeAll(async () => {
  await registerCpuWithBatchNormKernels('cpu-bn-kernels');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

const HEADS: HeadConfig[] = [
  { task: 'parts', kind: 'multiclass', classes: ['1-part', '2-part', 'multipart'] },
  { task: 'varus', kind: 'binary', classes: ['no', 'yes'] },
];

const BODY: DenseNetBodyConfig = {
  inChannels: 1,
  initFeatures: 6,
  growthRate: 3,
  blockConfig: [3, 2, 2],
  bnSize: 2,
  dropoutProb: 0,
};

interface Outcome {
  logits: Float32Array[];
  gradients: Map<string, Float32Array>;
  /** Every weight after the step's running-statistics update (and nothing else changed). */
  weights: Map<string, Float32Array>;
}

/** One training forward + backward of Σ logits·u with the given stages. */
function step(
  model: DenseNet3d,
  x: tf.Tensor,
  memoryEfficient: boolean,
  keepActivationsBytes?: number,
): Outcome {
  const variables = model.trainableVariables();
  let logits: Float32Array[] = [];
  const { value, grads } = tf.variableGrads(() => {
    const out = model.forward(x, {
      training: true,
      memoryEfficient,
      dropoutSeed: 5,
      ...(keepActivationsBytes === undefined ? {} : { keepActivationsBytes }),
    });
    logits = out.logits.map((t) => t.dataSync() as Float32Array);
    const terms = out.logits.map((t, h) =>
      tf.sum(tf.mul(t, tf.randomUniform(t.shape, -1, 1, 'float32', 10 + h))),
    );
    return tf.addN(terms) as tf.Scalar;
  }, variables);
  const names = new Map([...model.weights].map(([key, variable]) => [variable.name, key] as const));
  const gradients = new Map(
    Object.entries(grads).map(([name, g]) => [names.get(name)!, g.dataSync() as Float32Array]),
  );
  const weights = new Map(
    [...model.weights].map(([key, v]) => [key, v.dataSync() as Float32Array] as const),
  );
  tf.dispose([value, ...Object.values(grads)]);
  return { logits, gradients, weights };
}

describe('memory-efficient training stages', () => {
  it.each<[string, string, DenseNetBodyConfig, number | undefined]>([
    ['cpu', 'composite batch norm', BODY, undefined],
    ['cpu', 'composite batch norm, recomputing every activation', BODY, 0],
    ['cpu', 'with channel dropout', { ...BODY, dropoutProb: 0.3 }, undefined],
    ['cpu-bn-kernels', 'CtfBatchNorm kernels, composite BN → ReLU', BODY, undefined],
    ['cpu-bn-kernels', 'CtfBatchNorm kernels, recomputing every activation', BODY, 0],
  ])(
    '%s (%s): logits, every gradient and the running statistics equal the plain stages bit for bit',
    async (backend, _name, body, keepActivationsBytes) => {
      await tf.setBackend(backend);
      const x = tf.randomUniform([2, 20, 18, 16, 1], 0, 1, 'float32', 3);
      const run = (memoryEfficient: boolean) => {
        const model = createDenseNet3d({ body, heads: HEADS }, { seed: 4 });
        const outcome = step(model, x, memoryEfficient, keepActivationsBytes);
        model.dispose();
        return outcome;
      };
      const plain = run(false);
      const efficient = run(true);
      expect(efficient.logits).toEqual(plain.logits);
      expect([...efficient.gradients.keys()].sort()).toEqual([...plain.gradients.keys()].sort());
      expect(plain.gradients.size).toBeGreaterThan(20);
      for (const [key, gradient] of plain.gradients) {
        expect(efficient.gradients.get(key), key).toEqual(gradient);
      }
      for (const [key, weight] of plain.weights) {
        expect(efficient.weights.get(key), key).toEqual(weight);
      }
      x.dispose();
    },
  );

  it('leaves no tensors behind, with and without a gradient', async () => {
    await tf.setBackend('cpu');
    const model = createDenseNet3d(
      { body: { ...BODY, dropoutProb: 0.2 }, heads: HEADS },
      { seed: 4 },
    );
    const x = tf.randomUniform([2, 16, 16, 16, 1], 0, 1, 'float32', 3);
    step(model, x, true);
    const before = tf.memory().numTensors;
    step(model, x, true);
    const { logits } = model.forward(x, { training: true });
    tf.dispose(logits);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });

  it('leaves no tensors behind when only the heads take a gradient (the blocks are off the path)', async () => {
    await tf.setBackend('cpu');
    const model = createDenseNet3d({ body: BODY, heads: HEADS }, { seed: 4 });
    const x = tf.randomUniform([2, 16, 16, 16, 1], 0, 1, 'float32', 3);
    const heads = model.trainableVariables().filter((v) => v.name.includes('head'));
    expect(heads.length).toBeGreaterThan(0);
    const headStep = () => {
      const { value, grads } = tf.variableGrads(() => {
        const { logits } = model.forward(x, { training: true });
        return tf.addN(logits.map((t) => tf.sum(t))) as tf.Scalar;
      }, heads);
      expect(Object.keys(grads).length).toBe(heads.length);
      tf.dispose([value, ...Object.values(grads)]);
    };
    headStep();
    const before = tf.memory().numTensors;
    headStep();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });

  it("keeps a dense block's tensors for its gradient without cloning each (only its input)", async () => {
    await tf.setBackend('cpu');
    const model = createDenseNet3d({ body: BODY, heads: HEADS }, { seed: 4 });
    const x = tf.randomUniform([2, 16, 16, 16, 1], 0, 1, 'float32', 3);
    const identities = (memoryEfficient: boolean) => {
      let count = 0;
      const engine = tf.engine() as unknown as { clone: (t: tf.Tensor) => tf.Tensor };
      const original = engine.clone;
      engine.clone = function (this: unknown, t: tf.Tensor) {
        count += 1;
        return original.call(this, t);
      };
      try {
        step(model, x, memoryEfficient);
      } finally {
        engine.clone = original;
      }
      return count;
    };
    // Each of the three blocks clones its input only (52 clones in the step, from the other
    // stages' save()); with save() the blocks' pieces, bottlenecks, statistics and kept
    // activations make it 97.
    const withKeep = identities(true);
    expect(withKeep).toBeGreaterThan(0);
    expect(withKeep).toBeLessThan(60);
    x.dispose();
    model.dispose();
  });

  it('runs the plain stages where a captured stage is inside a fused one', async () => {
    await tf.setBackend('cpu');
    const model = createDenseNet3d({ body: BODY, heads: HEADS }, { seed: 4 });
    const x = tf.randomUniform([2, 16, 16, 16, 1], 0, 1, 'float32', 3);
    const { logits, captured } = model.forward(x, {
      training: true,
      updateRunningStatistics: false,
      capture: ['features.relu0', 'features.denseblock1'],
    });
    const plain = model.forward(x, {
      training: true,
      updateRunningStatistics: false,
      memoryEfficient: false,
      capture: ['features.relu0', 'features.denseblock1'],
    });
    expect(captured.get('features.relu0')?.shape).toEqual([2, 8, 8, 8, 6]);
    expect(captured.get('features.denseblock1')?.dataSync()).toEqual(
      plain.captured.get('features.denseblock1')?.dataSync(),
    );
    tf.dispose([...logits, ...captured.values(), ...plain.logits, ...plain.captured.values()]);
    x.dispose();
    model.dispose();
  });
});
