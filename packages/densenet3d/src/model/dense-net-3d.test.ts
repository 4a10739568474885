import '@tensorflow/tfjs-backend-cpu';
import '../register-gradients';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DenseNetError } from '../errors/densenet-error';
import type { DenseNetBodyConfig } from '../presets';
import type { DenseNetConfig, HeadConfig } from './config';
import { createDenseNet3d } from './create';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const TINY: DenseNetBodyConfig = {
  inChannels: 1,
  initFeatures: 4,
  growthRate: 2,
  blockConfig: [2, 2],
  bnSize: 2,
  dropoutProb: 0,
};
const HEADS: HeadConfig[] = [
  { task: 'parts', kind: 'multiclass', classes: ['1-part', '2-part', 'multipart'] },
  { task: 'varus', kind: 'binary', classes: ['no', 'yes'] },
];
const CONFIG: DenseNetConfig = { body: TINY, heads: HEADS };

describe('DenseNet3d.forward', () => {
  it.each<[string, DenseNetBodyConfig, number[], number[][]]>([
    [
      'tiny, batch 1, 16³',
      TINY,
      [1, 16, 16, 16, 1],
      [
        [1, 3],
        [1, 1],
      ],
    ],
    [
      'tiny, batch 3, anisotropic 9×16×20',
      TINY,
      [3, 9, 16, 20, 1],
      [
        [3, 3],
        [3, 1],
      ],
    ],
    [
      'two channels, three blocks',
      { ...TINY, inChannels: 2, blockConfig: [1, 2, 1] },
      [2, 24, 24, 24, 2],
      [
        [2, 3],
        [2, 1],
      ],
    ],
  ])('%s → logits per head (binary: one logit)', (_, body, inputShape, expected) => {
    const model = createDenseNet3d({ body, heads: HEADS }, { seed: 1 });
    const x = tf.ones(inputShape);
    const { logits, captured } = model.forward(x);
    expect(logits.map((tensor) => tensor.shape)).toEqual(expected);
    expect(captured.size).toBe(0);
    tf.dispose([x, ...logits]);
    model.dispose();
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const x = tf.randomUniform([1, 16, 16, 16, 1], 0, 1, 'float32', 3);
    const logitsOf = (seed: number) => {
      const model = createDenseNet3d(CONFIG, { seed });
      const { logits } = model.forward(x);
      const values = logits.map((tensor) => Array.from(tensor.dataSync()));
      tf.dispose(logits);
      model.dispose();
      return values;
    };
    expect(logitsOf(7)).toEqual(logitsOf(7));
    expect(logitsOf(7)).not.toEqual(logitsOf(8));
    x.dispose();
  });

  it('captures stage outputs and resumes after a stage with the same logits', () => {
    const model = createDenseNet3d(CONFIG, { seed: 2 });
    const x = tf.randomUniform([2, 16, 16, 16, 1], 0, 1, 'float32', 4);
    const full = model.forward(x, { capture: ['class_layers.relu', 'features.denseblock2'] });
    const activation = full.captured.get('class_layers.relu')!;
    expect(activation.shape).toEqual([2, 2, 2, 2, 8]);
    expect(full.captured.get('features.denseblock2')!.shape).toEqual([2, 2, 2, 2, 8]);
    const tail = model.forward(activation, { startAfter: 'class_layers.relu' });
    tail.logits.forEach((logits, index) => {
      expect(Array.from(logits.dataSync())).toEqual(Array.from(full.logits[index]!.dataSync()));
    });
    // Grad-CAM-style: d logit / d activation through the tail.
    const gradient = tf.grad((a: tf.Tensor) =>
      tf.sum(model.forward(a, { startAfter: 'class_layers.relu' }).logits[0]!),
    )(activation);
    expect(gradient.shape).toEqual(activation.shape);
    tf.dispose([x, gradient, ...full.logits, ...full.captured.values(), ...tail.logits]);
    model.dispose();
  });

  it.each<[string, () => void, RegExp]>([
    [
      'wrong rank',
      () => model().forward(tf.zeros([1, 16, 16, 16])),
      /input must be float32 \[N, D, H, W, 1\], got float32 \[1,16,16,16\]/,
    ],
    ['wrong channels', () => model().forward(tf.zeros([1, 16, 16, 16, 2])), /\[N, D, H, W, 1\]/],
    [
      'too small',
      () => model().forward(tf.zeros([1, 2, 16, 16, 1])),
      /spatial size 2 is too small/,
    ],
    [
      'unknown stage',
      () => model().forward(tf.zeros([1, 16, 16, 16, 1]), { capture: ['features.pool9'] }),
      /stage must be one of features\.conv0/,
    ],
    [
      'one value per channel in training',
      () => model().forward(tf.zeros([1, 8, 8, 8, 1]), { training: true }),
      /more than 1 value per channel/,
    ],
  ])('rejects %s with a DenseNetError', (_, action, message) => {
    expect(action).toThrowError(DenseNetError);
    expect(action).toThrowError(message);
  });

  it('updates running statistics only in training (PyTorch momentum 0.1)', () => {
    const m = createDenseNet3d(CONFIG, { seed: 3 });
    const x = tf.randomUniform([2, 16, 16, 16, 1], 0, 1, 'float32', 5);
    const runningMean = m.weights.get('features.norm0.running_mean')!;
    tf.dispose(m.forward(x).logits);
    expect(Array.from(runningMean.dataSync()).every((value) => value === 0)).toBe(true);
    tf.dispose(m.forward(x, { training: true, updateRunningStatistics: false }).logits);
    expect(Array.from(runningMean.dataSync()).every((value) => value === 0)).toBe(true);
    tf.dispose(m.forward(x, { training: true }).logits);
    expect(Array.from(runningMean.dataSync()).some((value) => value !== 0)).toBe(true);
    x.dispose();
    m.dispose();
  });

  it('keeps tf.memory().numTensors flat across training steps (forward, backward, update) and inference', () => {
    const m = createDenseNet3d({ body: { ...TINY, dropoutProb: 0.2 }, heads: HEADS }, { seed: 4 });
    const x = tf.randomUniform([2, 16, 16, 16, 1], 0, 1, 'float32', 6);
    const optimizer = tf.train.sgd(0.01);
    const step = () => {
      optimizer.minimize(
        () => {
          const { logits } = m.forward(x, { training: true });
          return tf.addN(logits.map((tensor) => tf.mean(tf.square(tensor)))) as tf.Scalar;
        },
        false,
        m.trainableVariables(),
      );
      tf.dispose(m.forward(x).logits);
    };
    step();
    const before = tf.memory().numTensors;
    for (let index = 0; index < 3; index += 1) step();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    optimizer.dispose();
    m.dispose();
  });
});

let shared: ReturnType<typeof createDenseNet3d> | undefined;
function model() {
  shared ??= createDenseNet3d(CONFIG, { seed: 9 });
  return shared;
}
