import '@tensorflow/tfjs-backend-cpu';
import '../register-gradients';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerReluGradient } from './relu-gradient';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the Relu gradient (registerReluGradient)', () => {
  it('equals tfjs’s dy · step(x), also at 0, −0, NaN and ±∞', () => {
    const x = tf.tensor1d([-2, -0, 0, 1e-30, 3, Number.NaN, Number.POSITIVE_INFINITY, -Infinity]);
    const dy = tf.tensor1d([1, -2, 3, -4, 5, 6, -7, 8]);
    const [ours] = tf.grads((a) => tf.mul(tf.relu(a), dy))([x]);
    const reference = tf.mul(dy, tf.cast(tf.step(x), 'float32'));
    expect(Array.from(ours!.dataSync())).toEqual(Array.from(reference.dataSync()));
    tf.dispose([x, dy, ours!, reference]);
  });

  it('keeps the ReLU’s output for the backward pass, not its input, and registers once', () => {
    registerReluGradient();
    const config = tf.getGradient(tf.Relu)!;
    registerReluGradient();
    expect(tf.getGradient(tf.Relu)).toBe(config);
    expect(config.outputsToSave).toEqual([true]);
    expect(config.inputsToSave ?? []).toEqual([]);
  });
});
