import '@tensorflow/tfjs-backend-cpu';
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DenseNetConfig } from './config';
import { createDenseNet3d } from './create';
import { initialWeights } from './initialise';

// Golden values recorded before the random generator moved into @ct-fracture/core: the seeded
// initialisation and dropout masks (and so every run's trajectory) stay the same for a seed.
const CONFIG: DenseNetConfig = {
  body: {
    inChannels: 1,
    initFeatures: 4,
    growthRate: 3,
    blockConfig: [2, 3],
    bnSize: 2,
    dropoutProb: 0.3,
  },
  heads: [
    { task: 'parts', kind: 'multiclass', classes: ['a', 'b', 'c'] },
    { task: 'varus', kind: 'binary', classes: ['no', 'yes'] },
  ],
};

function digest(arrays: Iterable<Float32Array>): string {
  const hash = createHash('sha256');
  for (const values of arrays)
    hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  return hash.digest('hex');
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('seeded initialisation and dropout are unchanged (golden)', () => {
  it.each([0, 7])('initialWeights(config, %i)', (seed) => {
    expect(digest(initialWeights(CONFIG, seed).values())).toMatchSnapshot();
  });

  it('dropout masks of two training passes', () => {
    const model = createDenseNet3d(CONFIG, { seed: 3 });
    const x = tf.tensor5d(
      Float32Array.from({ length: 2 * 12 * 12 * 12 }, (_, i) => Math.sin(i * 0.37)),
      [2, 12, 12, 12, 1],
    );
    const outputs: Float32Array[] = [];
    for (let pass = 0; pass < 2; pass += 1) {
      const { logits } = model.forward(x, { training: true, updateRunningStatistics: false });
      for (const tensor of logits) outputs.push(tensor.dataSync() as Float32Array);
      tf.dispose(logits);
    }
    x.dispose();
    model.dispose();
    expect(digest(outputs)).toMatchSnapshot();
  });
});
