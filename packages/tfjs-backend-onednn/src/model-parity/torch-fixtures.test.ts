import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DenseNetConfig,
  denseNet3dFromWeights,
  importStateDict,
  type StateDictEntry,
  type TorchArray,
  torchToTfjsLayout,
} from '@ct-fracture/densenet3d';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { describeNative } from '../test-support/native-suite';

/** densenet3d's PyTorch fixtures (written by its fixtures/make_torch_fixtures.py). */
const FIXTURES = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'densenet3d',
  'fixtures',
);

interface Bundle {
  config: DenseNetConfig;
  prefix?: string;
  headKeys: Record<string, string>;
  targets?: Record<string, number[]>;
  loss?: number;
  arrays: Map<string, TorchArray>;
}

function readBundle(name: string): Bundle {
  const meta = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Omit<
    Bundle,
    'arrays'
  > & { arrays: Record<string, { offset: number; shape: number[] }> };
  const bytes = readFileSync(join(FIXTURES, `${name}.bin`));
  const all = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  );
  const arrays = new Map<string, TorchArray>();
  for (const [key, { offset, shape }] of Object.entries(meta.arrays)) {
    arrays.set(key, {
      shape,
      data: all.subarray(offset, offset + shape.reduce((a, b) => a * b, 1)),
    });
  }
  return { ...meta, arrays };
}

function modelOf(bundle: Bundle) {
  const stateDict = new Map<string, StateDictEntry>();
  for (const [name, array] of bundle.arrays) {
    if (name.startsWith('weight.')) stateDict.set(name.slice('weight.'.length), array);
  }
  const heads = bundle.config.heads.map((head) => ({
    task: head.task,
    moduleKey: bundle.headKeys[head.task]!,
    classes: head.classes,
  }));
  const imported = importStateDict(stateDict, heads);
  return denseNet3dFromWeights(imported.config, imported.weights);
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let worst = a.length === b.length ? 0 : Number.POSITIVE_INFINITY;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return worst;
};

const TOLERANCE = 1e-4;

describeNative('onednn against the PyTorch fixtures (MONAI-equivalent DenseNet)', () => {
  it('inference logits (fused BN → ReLU over pieces) agree to 1e-4', async () => {
    await tf.setBackend('onednn');
    const bundle = readBundle('multi-head');
    const model = modelOf(bundle);
    const volume = new Float32Array(
      readFileSync(join(FIXTURES, 'volume-input.bin')).buffer.slice(0),
    );
    const x = tf.tensor5d(volume, [1, 20, 20, 20, 1]);
    const { logits } = model.forward(x);
    model.config.heads.forEach((head, index) => {
      const expected = bundle.arrays.get(`logits.${head.task}`)!;
      expect(maxAbsDiff(logits[index]!.dataSync(), expected.data), head.task).toBeLessThan(
        TOLERANCE,
      );
    });
    tf.dispose([x, ...logits]);
    model.dispose();
  });

  it.each([true, false])(
    'memory-efficient %s: the loss and d loss / d every weight agree to 1e-4',
    async (memoryEfficient) => {
      await tf.setBackend('onednn');
      const bundle = readBundle('gradients');
      const model = modelOf(bundle);
      const x = tf.tensor5d(bundle.arrays.get('input')!.data, [2, 16, 16, 16, 1]);
      const targets = bundle.targets!;
      const { value, grads } = tf.variableGrads(() => {
        const [a, b] = model.forward(x, { training: true, memoryEfficient }).logits as [
          tf.Tensor2D,
          tf.Tensor2D,
        ];
        const oneHot = tf.oneHot(tf.tensor1d(targets.head_a!, 'int32'), 3);
        const crossEntropy = tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(a)), 1)));
        const y = tf.tensor2d(targets.head_b!, [2, 1]);
        const bce = tf.mean(
          tf.add(tf.sub(tf.relu(b), tf.mul(b, y)), tf.log1p(tf.exp(tf.neg(tf.abs(b))))),
        );
        return tf.add(crossEntropy, bce) as tf.Scalar;
      }, model.trainableVariables());
      expect(Math.abs(value.dataSync()[0]! - bundle.loss!)).toBeLessThan(TOLERANCE);
      let worst = 0;
      let compared = 0;
      for (const [key, variable] of model.weights) {
        if (!variable.trainable) continue;
        const head = model.config.heads.find((h) => key.startsWith(`heads.${h.task}.`));
        const source = head
          ? `${bundle.headKeys[head.task]}${key.slice(`heads.${head.task}`.length)}`
          : `${bundle.prefix ?? ''}${key}`;
        const expected = torchToTfjsLayout(bundle.arrays.get(`grad.${source}`)!, source);
        worst = Math.max(worst, maxAbsDiff(grads[variable.name]!.dataSync(), expected.data));
        compared += 1;
      }
      expect(compared).toBe(model.trainableVariables().length);
      expect(worst).toBeLessThan(TOLERANCE);
      tf.dispose([x, value, ...Object.values(grads)]);
      model.dispose();
    },
  );
});
