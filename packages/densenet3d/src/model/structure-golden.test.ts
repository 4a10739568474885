import '@tensorflow/tfjs-backend-cpu';
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DenseNetPresetName, densenetPreset } from '../presets';
import type { DenseNetConfig } from './config';
import { createDenseNet3d } from './create';
import {
  defaultGradCamLayer,
  featureChannels,
  outputSpatialSize,
  parameterSpecs,
} from './dense-net-modules';

// Golden values recorded before the DenseNet was described once (parameter specs, stages,
// architecture inference and the Grad-CAM layer each walked the structure): every name, shape,
// order and forward value stays the same.
const HEADS = [
  { task: 'parts', kind: 'multiclass', classes: ['a', 'b', 'c'] },
  { task: 'varus', kind: 'binary', classes: ['no', 'yes'] },
] as const;

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the DenseNet structure is unchanged (golden)', () => {
  it.each<DenseNetPresetName | 'custom'>([
    'densenet121',
    'densenet169',
    'densenet201',
    'densenet264',
    'custom',
  ])('%s: parameter specs, stage names, features, sizes, Grad-CAM layer', (name) => {
    const body =
      name === 'custom'
        ? {
            inChannels: 2,
            initFeatures: 5,
            growthRate: 3,
            blockConfig: [2, 1, 3],
            bnSize: 3,
            dropoutProb: 0,
          }
        : densenetPreset(name);
    const config: DenseNetConfig = { body, heads: HEADS };
    const model = createDenseNet3d(
      {
        body: {
          ...body,
          initFeatures: Math.min(body.initFeatures, 4),
          growthRate: 2,
          blockConfig: body.blockConfig.map(() => 1),
        },
        heads: HEADS,
      },
      { seed: 0 },
    );
    const summary = {
      specs: parameterSpecs(config),
      features: featureChannels(body),
      sizes: [8, 31, 64, 128].map((size) => outputSpatialSize(size, body)),
      layer: defaultGradCamLayer(body),
      stagesOfOneLayerBlocks: model.stageNames,
    };
    model.dispose();
    expect(digest(JSON.stringify(summary))).toMatchSnapshot();
  });

  it('every stage output and the logits of an inference pass', () => {
    const config: DenseNetConfig = {
      body: {
        inChannels: 1,
        initFeatures: 4,
        growthRate: 3,
        blockConfig: [2, 3],
        bnSize: 2,
        dropoutProb: 0,
      },
      heads: HEADS,
    };
    const model = createDenseNet3d(config, { seed: 5 });
    const x = tf.tensor5d(
      Float32Array.from({ length: 16 * 16 * 16 }, (_, i) => Math.cos(i * 0.21)),
      [1, 16, 16, 16, 1],
    );
    const { logits, captured } = model.forward(x, { capture: model.stageNames });
    const hash = createHash('sha256');
    for (const name of model.stageNames) {
      const values = captured.get(name)!.dataSync() as Float32Array;
      hash.update(name).update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    }
    for (const tensor of logits) {
      const values = tensor.dataSync() as Float32Array;
      hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    }
    tf.dispose([x, ...logits, ...captured.values()]);
    model.dispose();
    expect(hash.digest('hex')).toMatchSnapshot();
  });
});
