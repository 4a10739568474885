import '@tensorflow/tfjs-backend-cpu';
import '../register-gradients';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DenseNetError } from '../errors/densenet-error';
import { denseNet3dFromWeights } from '../model/create';
import type { DenseNet3d } from '../model/dense-net-3d';
import { maxAbsDiff, readBundle } from '../test-support/fixture-bundle';
import { headMappings, stateDictFromBundle } from '../test-support/state-dict-from-bundle';
import { importStateDict } from '../torch/import-state-dict';
import type { GradCamMethod } from './channel-weights';
import { gradCam } from './grad-cam';

/** fixtures/make_gradcam_fixture.py: the PyTorch reference, case by case. */
interface CaseMeta {
  task: string;
  classIndex: number;
  layer: string;
  method: GradCamMethod;
  score: number;
  probabilities: number[];
}

const CASES = [
  'gradcam-default',
  'gradcampp-default',
  'gradcam-block1-negative',
  'gradcampp-block1-positive',
  'gradcam-transition1',
];
const TOLERANCE = 1e-4;

let model: DenseNet3d;
let input: tf.Tensor5D;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const bundle = readBundle('gradcam-model');
  const imported = importStateDict(stateDictFromBundle(bundle), headMappings(bundle));
  model = denseNet3dFromWeights(imported.config, imported.weights);
  const shape = (bundle as unknown as { inputShape: [number, number, number] }).inputShape;
  input = tf.tensor5d(bundle.arrays.get('input')!.data, [1, ...shape, 1]);
});

afterAll(() => {
  input.dispose();
  model.dispose();
});

function peak(values: ArrayLike<number>): number {
  let max = 0;
  for (let index = 0; index < values.length; index++) max = Math.max(max, values[index]!);
  return max;
}

describe('Grad-CAM against PyTorch (fixtures/make_gradcam_fixture.py)', () => {
  it.each(CASES)('%s: score, layer CAM and upsampled heatmap agree to 1e-4', async (name) => {
    const bundle = readBundle(name);
    const meta = bundle as unknown as CaseMeta & typeof bundle;
    const layerExpected = bundle.arrays.get('layer_cam')!;
    const heatmapExpected = bundle.arrays.get('heatmap')!;
    const head = model.config.heads.find((h) => h.task === meta.task)!;
    const result = await gradCam(model, input, {
      task: meta.task,
      className: head.classes[meta.classIndex],
      layer: meta.layer,
      method: meta.method,
    });
    expect(result.layer).toBe(meta.layer);
    expect(result.classIndex).toBe(meta.classIndex);
    expect(Math.abs(result.score - meta.score)).toBeLessThan(TOLERANCE);
    expect(maxAbsDiff(result.probabilities, meta.probabilities)).toBeLessThan(TOLERANCE);
    expect(result.layerShape).toEqual(layerExpected.shape);
    expect(maxAbsDiff(result.layerCam, layerExpected.data)).toBeLessThan(TOLERANCE);
    // The layer CAM's values are small for this random model: compare relative to its peak too.
    const scale = peak(layerExpected.data);
    const relative = maxAbsDiff(
      result.layerCam.map((v) => v / scale),
      layerExpected.data.map((v) => v / scale),
    );
    expect(relative).toBeLessThan(TOLERANCE);
    expect(result.shape).toEqual(heatmapExpected.shape);
    expect(maxAbsDiff(result.heatmap, heatmapExpected.data)).toBeLessThan(TOLERANCE);
    expect(peak(result.heatmap)).toBeCloseTo(1, 6);
  });

  it('defaults: the last dense block and the predicted class', async () => {
    const result = await gradCam(model, input, { task: 'multi' });
    expect(result.layer).toBe('features.denseblock2');
    const predicted = result.probabilities.indexOf(Math.max(...result.probabilities));
    expect(result.classIndex).toBe(predicted);
    expect(result.method).toBe('gradcam');
  });

  it('keeps tf.memory().numTensors flat across calls (both methods)', async () => {
    await gradCam(model, input, { task: 'bin', method: 'gradcam++' });
    const before = tf.memory().numTensors;
    await gradCam(model, input, { task: 'bin', method: 'gradcam++' });
    await gradCam(model, input, { task: 'multi', classIndex: 1, layer: 'features.denseblock1' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['an unknown task', { task: 'nope' }, /task must be one of multi, bin/],
    ['an unknown class', { task: 'bin', className: 'maybe' }, /must be one of no, yes/],
    ['a class index out of range', { task: 'multi', classIndex: 3 }, /\[0, 2\]/],
    ['both class forms', { task: 'bin', className: 'no', classIndex: 0 }, /not both/],
    ['an unknown layer', { task: 'bin', layer: 'features.denseblock9' }, /stage must be one of/],
    ['a stage without space', { task: 'bin', layer: 'class_layers.flatten' }, /spatial output/],
    ['an unknown method', { task: 'bin', method: 'lime' as GradCamMethod }, /gradcam, gradcam\+\+/],
  ])('refuses %s with a DenseNetError, leaking nothing', async (_name, options, message) => {
    const before = tf.memory().numTensors;
    const error = await gradCam(model, input, options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DenseNetError);
    expect((error as DenseNetError).message).toMatch(message);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a batch of two', async () => {
    const batch = tf.concat([input, input], 0);
    await expect(gradCam(model, batch, { task: 'bin' })).rejects.toThrow(
      /one volume \[1, D, H, W, 1\]/,
    );
    batch.dispose();
  });
});
