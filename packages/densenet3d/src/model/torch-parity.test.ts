import '@tensorflow/tfjs-backend-cpu';
import '../register-gradients';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff, readBundle, readVolumeInput } from '../test-support/fixture-bundle';
import { headMappings, stateDictFromBundle } from '../test-support/state-dict-from-bundle';
import { importStateDict } from '../torch/import-state-dict';
import { torchToTfjsLayout } from '../torch/layout';
import { denseNet3dFromWeights } from './create';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const TOLERANCE = 1e-4;

function volumeBatch(mirrored: boolean): tf.Tensor5D {
  const volume = tf.tensor5d(readVolumeInput(), [1, 20, 20, 20, 1]);
  if (!mirrored) return volume;
  return tf.tidy(() => tf.concat([volume, tf.reverse(volume, 1)], 0)) as tf.Tensor5D;
}

describe('PyTorch parity (fixtures/make_torch_fixtures.py, MONAI-equivalent DenseNet)', () => {
  it.each(['single-head', 'multi-head'])('%s: inference logits agree to 1e-4', (name) => {
    const bundle = readBundle(name);
    const imported = importStateDict(stateDictFromBundle(bundle), headMappings(bundle));
    expect(imported.config).toEqual(bundle.config);
    const model = denseNet3dFromWeights(imported.config, imported.weights);
    const x = volumeBatch(false);
    const { logits } = model.forward(x);
    model.config.heads.forEach((head, index) => {
      const expected = bundle.arrays.get(`logits.${head.task}`)!;
      expect(logits[index]!.shape).toEqual(expected.shape);
      expect(maxAbsDiff(logits[index]!.dataSync(), expected.data)).toBeLessThan(TOLERANCE);
    });
    tf.dispose([x, ...logits]);
    model.dispose();
  });

  it('single-head: training-mode logits and updated running statistics agree to 1e-4', () => {
    const bundle = readBundle('single-head');
    const imported = importStateDict(stateDictFromBundle(bundle), headMappings(bundle));
    const model = denseNet3dFromWeights(imported.config, imported.weights);
    const x = volumeBatch(true);
    const { logits } = model.forward(x, { training: true });
    expect(
      maxAbsDiff(logits[0]!.dataSync(), bundle.arrays.get('train_logits.output')!.data),
    ).toBeLessThan(TOLERANCE);
    let checked = 0;
    for (const [name, expected] of bundle.arrays) {
      if (!name.startsWith('after.')) continue;
      const actual = model.weights.get(name.slice('after.'.length))!;
      expect(maxAbsDiff(actual.dataSync(), expected.data), name).toBeLessThan(TOLERANCE);
      checked += 1;
    }
    expect(checked).toBe(
      [...bundle.arrays.keys()].filter((key) => key.includes('running_')).length / 2,
    );
    tf.dispose([x, ...logits]);
    model.dispose();
  });
});

describe('gradient check against PyTorch (tiny config, batch 2, train mode)', () => {
  it('d loss / d every weight agrees to 1e-4', () => {
    const bundle = readBundle('gradients');
    const imported = importStateDict(stateDictFromBundle(bundle), headMappings(bundle));
    const model = denseNet3dFromWeights(imported.config, imported.weights);
    const input = bundle.arrays.get('input')!;
    // PyTorch input [N, 1, D, H, W] with C = 1 is the same memory as [N, D, H, W, 1].
    const x = tf.tensor5d(input.data, [2, 16, 16, 16, 1]);
    const targets = bundle.targets!;
    const variables = model.trainableVariables();
    const { value, grads } = tf.variableGrads(() => {
      const [a, b] = model.forward(x, { training: true }).logits as [tf.Tensor2D, tf.Tensor2D];
      const oneHot = tf.oneHot(tf.tensor1d(targets.head_a!, 'int32'), 3);
      const crossEntropy = tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(a)), 1)));
      const y = tf.tensor2d(targets.head_b!, [2, 1]);
      const bce = tf.mean(
        tf.add(tf.sub(tf.relu(b), tf.mul(b, y)), tf.log1p(tf.exp(tf.neg(tf.abs(b))))),
      );
      return tf.add(crossEntropy, bce) as tf.Scalar;
    }, variables);
    expect(Math.abs(value.dataSync()[0]! - bundle.loss!)).toBeLessThan(TOLERANCE);
    const sourceOf = new Map<string, string>();
    for (const head of model.config.heads) {
      sourceOf.set(`heads.${head.task}.weight`, `${bundle.headKeys[head.task]}.weight`);
      sourceOf.set(`heads.${head.task}.bias`, `${bundle.headKeys[head.task]}.bias`);
    }
    let worst = 0;
    let compared = 0;
    for (const [key, variable] of model.weights) {
      if (!variable.trainable) continue;
      const source = sourceOf.get(key) ?? `${bundle.prefix}${key}`;
      const expected = bundle.arrays.get(`grad.${source}`);
      expect(expected, source).toBeDefined();
      const converted = torchToTfjsLayout(expected!, source);
      const actual = grads[variable.name]!;
      expect(actual.shape).toEqual(converted.shape);
      worst = Math.max(worst, maxAbsDiff(actual.dataSync(), converted.data));
      compared += 1;
    }
    expect(compared).toBe(variables.length);
    expect(worst).toBeLessThan(TOLERANCE);
    tf.dispose([x, value, ...Object.values(grads)]);
    model.dispose();
  });
});
