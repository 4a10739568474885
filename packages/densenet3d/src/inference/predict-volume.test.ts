import '@tensorflow/tfjs-backend-cpu';
import { predictedClass, probabilitiesFromLogits } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { DenseNetConfig } from '../model/config';
import { createDenseNet3d } from '../model/create';
import { predictVolume } from './predict-volume';

const CONFIG: DenseNetConfig = {
  body: {
    inChannels: 1,
    initFeatures: 4,
    growthRate: 3,
    blockConfig: [2, 2],
    bnSize: 2,
    dropoutProb: 0,
  },
  heads: [
    { task: 'parts', kind: 'multiclass', classes: ['1-part', '2-part', 'multipart'] },
    { task: 'varus', kind: 'binary', classes: ['no', 'yes'] },
  ],
};
const SHAPE: [number, number, number] = [8, 8, 8];
const VOLUME = {
  shape: SHAPE,
  data: Float32Array.from({ length: 8 * 8 * 8 }, (_, i) => Math.sin(i * 0.37)),
};

describe('predictVolume', () => {
  it('gives every head its logits, probabilities and the original rule’s class, disposing its tensors', () => {
    const model = createDenseNet3d(CONFIG, { seed: 1 });
    const before = tf.memory().numTensors;
    const tasks = predictVolume(model, VOLUME);
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(tasks)).toEqual(['parts', 'varus']);
    for (const head of CONFIG.heads) {
      const task = tasks[head.task]!;
      expect(task.logits).toHaveLength(head.kind === 'binary' ? 1 : head.classes.length);
      const probabilities = probabilitiesFromLogits(head.kind, task.logits);
      expect(Object.values(task.probs)).toEqual(probabilities);
      expect(Object.keys(task.probs)).toEqual(head.classes);
      expect(task.pred).toBe(head.classes[predictedClass(head.kind, probabilities)]);
    }
    model.dispose();
  });

  it('applies the temperature and operating point; calibrated: false reports the raw probabilities', () => {
    const model = createDenseNet3d(CONFIG, { seed: 1 });
    const raw = predictVolume(model, VOLUME).varus!;
    const z = raw.logits[0]!;
    const calibration = {
      calibration: {
        varus: {
          temperature: 0.5,
          validation: { n: 10, nllBefore: 0.7, nllAfter: 0.6, eceBefore: 0.2, eceAfter: 0.1 },
        },
      },
      operatingPoints: {
        varus: {
          // just above the calibrated probability: the class flips to 'no'
          threshold: 1 / (1 + Math.exp(-z / 0.5)) + 1e-9,
          rule: 'threshold:0.5',
          validation: { n: 10, sensitivity: 1, specificity: 1 },
        },
      },
    };
    const calibrated = predictVolume(model, VOLUME, { calibration }).varus!;
    expect(calibrated.logits).toEqual(raw.logits);
    expect(calibrated.probs.yes).toBeCloseTo(1 / (1 + Math.exp(-z / 0.5)), 6);
    expect(calibrated.pred).toBe('no');
    const shown = predictVolume(model, VOLUME, { calibration, calibrated: false }).varus!;
    expect(shown.probs).toEqual(raw.probs);
    expect(shown.pred).toBe('no');
    model.dispose();
  });
});
