import { predictedClass, probabilitiesFromLogits } from '@ct-fracture/core';
import { describe, expect, it } from 'vitest';
import type { HeadConfig } from '../model/config';
import { classifyLogits, DEFAULT_DECISION, taskDecision } from './classify-logits';

const VARUS: HeadConfig = { task: 'varus', kind: 'binary', classes: ['no', 'yes'] };
const PARTS: HeadConfig = {
  task: 'parts',
  kind: 'multiclass',
  classes: ['1-part', '2-part', 'multipart'],
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('classifyLogits', () => {
  it('without calibration gives the uncalibrated probabilities and the original rule', () => {
    for (const z of [-3, -0.2, 0.2, 4]) {
      const out = classifyLogits(VARUS, [z]);
      expect(out.probabilities).toEqual(probabilitiesFromLogits('binary', [z]));
      expect(out.uncalibrated).toBe(out.probabilities);
      expect(out.classIndex).toBe(predictedClass('binary', out.probabilities));
    }
    const logits = [0.3, 1.2, -0.5];
    const out = classifyLogits(PARTS, logits, DEFAULT_DECISION);
    expect(out.probabilities).toEqual(probabilitiesFromLogits('multiclass', logits));
    expect(out.classIndex).toBe(1);
  });

  it('divides the logits by the temperature (sigmoid / softmax)', () => {
    const binary = classifyLogits(VARUS, [1.5], { temperature: 0.5, threshold: 0.5 });
    expect(binary.probabilities[1]).toBeCloseTo(sigmoid(3), 14);
    expect(binary.uncalibrated[1]).toBeCloseTo(sigmoid(1.5), 14);
    const multi = classifyLogits(PARTS, [2, 0, -2], { temperature: 2, threshold: 0.5 });
    const e = [Math.exp(1), 1, Math.exp(-1)];
    const total = e[0]! + e[1]! + e[2]!;
    for (const [c, p] of multi.probabilities.entries()) expect(p).toBeCloseTo(e[c]! / total, 14);
    expect(multi.classIndex).toBe(0);
  });

  it.each([
    // [logit, temperature, threshold, predicted]
    [-0.4, 0.5, 0.3, 1], // σ(−0.8) = 0.310 ≥ 0.3
    [-0.4, 0.5, 0.32, 0], // 0.310 < 0.32
    [0, 1, 0.5, 1], // p = 0.5 exactly: ties are positive
    [2, 1, 0.9, 0], // σ(2) = 0.881 < 0.9
    [2, 1, 0, 1], // threshold 0: always positive
  ])(
    'binary logit %d at T = %d, threshold %d → class %d',
    (z, temperature, threshold, predicted) => {
      expect(classifyLogits(VARUS, [z], { temperature, threshold }).classIndex).toBe(predicted);
    },
  );

  it('a threshold on the calibrated probability is the same decision at any temperature', () => {
    for (const temperature of [0.3, 0.7, 1.9]) {
      const threshold = sigmoid(0.25 / temperature); // the logit 0.25
      for (const z of [0.2499, 0.2501, -1, 3]) {
        expect(classifyLogits(VARUS, [z], { temperature, threshold }).classIndex).toBe(
          z >= 0.25 ? 1 : 0,
        );
      }
    }
  });

  it('reads a task decision from checkpoint metadata, defaulting per field', () => {
    const metadata = {
      calibration: {
        varus: {
          temperature: 0.6,
          validation: { n: 4, nllBefore: 0.6, nllAfter: 0.5, eceBefore: 0.2, eceAfter: 0.1 },
        },
      },
      operatingPoints: {
        varus: {
          threshold: 0.27,
          rule: 'youden',
          validation: { n: 4, sensitivity: 1, specificity: 0.5 },
        },
      },
    };
    expect(taskDecision(metadata, 'varus')).toEqual({ temperature: 0.6, threshold: 0.27 });
    expect(taskDecision(metadata, 'parts')).toEqual(DEFAULT_DECISION);
    expect(taskDecision({}, 'varus')).toEqual(DEFAULT_DECISION);
    expect(taskDecision({ operatingPoints: metadata.operatingPoints }, 'varus')).toEqual({
      temperature: 1,
      threshold: 0.27,
    });
  });
});
