import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import fixture from '../../fixtures/losses.json';
import { registerAllGradients } from '../tfjs/register-gradients';
import { multiTaskLoss } from './multi-task-loss';
import { type TaskLossOptions, taskLoss } from './task-loss';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await registerAllGradients();
});

function expectClose(actual: number[][], expected: number[][], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (const [i, row] of actual.entries()) {
    for (const [j, value] of row.entries()) {
      expect(Math.abs(value - expected[i]![j]!)).toBeLessThan(tolerance);
    }
  }
}

describe('taskLoss against PyTorch/MONAI (fixtures/losses.json)', () => {
  it.each(fixture.cases)('$name', (c) => {
    const options: TaskLossOptions = {
      kind: c.kind as 'binary' | 'multiclass',
      type: c.lossType as 'focal' | 'cross-entropy',
      gamma: c.gamma,
      alpha: c.alpha,
      classWeights: c.classWeights,
    };
    const logits = tf.tensor2d(c.logits);
    const value = taskLoss(logits, c.labels, options);
    const gradient = tf.grad((x: tf.Tensor) => taskLoss(x as tf.Tensor2D, c.labels, options))(
      logits,
    );
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    expect(value.dataSync()[0]).toBeCloseTo(c.loss, 5);
    expectClose(gradient.arraySync() as number[][], c.gradient, 1e-5);
    tf.dispose([logits, value, gradient]);
  });

  it('gives exactly 0 for a batch without labels', () => {
    const logits = tf.tensor2d([[1e3, -1e3, 0]]);
    const options: TaskLossOptions = {
      kind: 'multiclass',
      type: 'focal',
      gamma: 2,
      alpha: null,
      classWeights: null,
    };
    expect(taskLoss(logits, [-1], options).dataSync()[0]).toBe(0);
  });

  it.each([[3], [-2], [0.5]])('refuses label %d for a 3-class task', (label) => {
    const options: TaskLossOptions = {
      kind: 'multiclass',
      type: 'focal',
      gamma: 2,
      alpha: null,
      classWeights: null,
    };
    expect(() => taskLoss(tf.tensor2d([[0, 0, 0]]), [label], options)).toThrow(
      /must be a class index in \[0, 3\) or -1/,
    );
  });

  it('does not leak tensors', () => {
    const logits = tf.tensor2d([[0.3], [-2]]);
    const before = tf.memory().numTensors;
    const options: TaskLossOptions = {
      kind: 'binary',
      type: 'focal',
      gamma: 2,
      alpha: 0.5,
      classWeights: [1, 2],
    };
    tf.dispose(taskLoss(logits, [1, -1], options));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('multiTaskLoss', () => {
  it('is the weighted sum of the task losses, with the gradients of PyTorch', () => {
    const tasks = fixture.multitask.tasks;
    const logits = tasks.map((task) => tf.tensor2d(task.logits));
    const options = tasks.map((task) => ({
      name: task.name,
      kind: task.kind as 'binary' | 'multiclass',
      type: 'focal' as const,
      gamma: 2,
      alpha: task.alpha,
      classWeights: null,
      weight: task.weight,
    }));
    const labels = tasks.map((task) => task.labels);
    const gradients = tf.grads((...xs: tf.Tensor[]) => {
      const value = multiTaskLoss(xs as tf.Tensor2D[], labels, options);
      return value.total;
    })(logits);
    const value = multiTaskLoss(logits, labels, options);
    expect(value.total.dataSync()[0]).toBeCloseTo(fixture.multitask.loss, 5);
    expect(value.perTask[1]!.dataSync()[0]).toBe(0);
    gradients.forEach((gradient, index) => {
      expectClose(gradient.arraySync() as number[][], tasks[index]!.gradient, 1e-5);
    });
  });
});
