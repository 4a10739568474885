import '@tensorflow/tfjs-backend-cpu';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDenseNet3d, type DenseNet3d } from '@ct-fracture/densenet3d';
import { DEFAULT_LABEL_SPEC } from '@ct-fracture/labels';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdamOptimizer } from '../optim/adam';
import { initialTrainingState, loadTrainingState } from '../train/training-state';
import { loadOptimizerState } from './optimizer-io';
import { loadCheckpointModel, saveTrainingCheckpoint } from './training-checkpoint';

let dir: string;
let model: DenseNet3d;
const info = {
  labelSpec: DEFAULT_LABEL_SPEC,
  preprocessing: {
    windowHu: [-500, 1300] as [number, number],
    outputRange: [0, 1] as [number, number],
    size: [16, 16, 16] as [number, number, number],
    reorientToRas: false,
    spacingMm: null,
    resizeMode: 'area' as const,
  },
  provenance: { epoch: 1 },
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'ctf-checkpoint-'));
  model = createDenseNet3d(
    {
      body: {
        inChannels: 1,
        initFeatures: 4,
        growthRate: 4,
        blockConfig: [1, 1],
        bnSize: 2,
        dropoutProb: 0,
      },
      heads: DEFAULT_LABEL_SPEC.tasks.map((task) => ({
        task: task.name,
        kind: task.kind,
        classes: [...task.classes],
      })),
    },
    { seed: 1 },
  );
});

afterAll(async () => {
  model.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('saveTrainingCheckpoint', () => {
  it('round-trips the model, the optimiser moments and the loop state', async () => {
    const variables = new Map([...model.weights].filter(([, v]) => v.trainable));
    const adam = new AdamOptimizer(variables, {
      type: 'adam',
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
    });
    const gradients = new Map([...variables].map(([name, v]) => [name, tf.onesLike(v)] as const));
    adam.apply(gradients, 1e-3);
    tf.dispose([...gradients.values()]);
    const state = { ...initialTrainingState(), epoch: 3, globalStep: 12 };
    const target = join(dir, 'last');
    await saveTrainingCheckpoint(target, {
      model,
      info,
      optimizer: { options: adam.options, state: await adam.getState() },
      state,
    });
    const loaded = await loadCheckpointModel(target);
    for (const [name, variable] of model.weights) {
      expect(loaded.weights.get(name)!.dataSync()).toEqual(variable.dataSync());
    }
    loaded.dispose();
    const optimizer = await loadOptimizerState(target);
    expect(optimizer.state.step).toBe(1);
    const saved = await adam.getState();
    for (const [name, moments] of saved.moments) {
      expect(optimizer.state.moments.get(name)).toEqual(moments);
    }
    expect(await loadTrainingState(target)).toEqual(state);
    adam.dispose();
  });

  it('leaves the previous checkpoint intact when a write fails half-way', async () => {
    const target = join(dir, 'intact');
    await saveTrainingCheckpoint(target, { model, info, state: initialTrainingState() });
    const before = await readFile(join(target, 'weights.bin'));
    await expect(
      saveTrainingCheckpoint(target, {
        model,
        info,
        state: { ...initialTrainingState(), epoch: 9 },
        // Written after the model files: the failure happens with a half-written folder.
        extraFiles: { 'bad/name.json': '{}' },
      }),
    ).rejects.toMatchObject({ code: 'checkpoint-io' });
    expect((await readFile(join(target, 'weights.bin'))).equals(before)).toBe(true);
    expect((await loadTrainingState(target)).epoch).toBe(0);
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });
});
