import '@tensorflow/tfjs-backend-cpu';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainConfigInput } from '../config/config-schema';
import { parseTrainConfig } from '../config/load-config';
import { writeTinyDataset } from '../test-support/tiny-dataset';
import type { TrainProgressEvent } from './progress-events';
import { train } from './train';

let dir: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'ctf-train-'));
  await writeTinyDataset(join(dir, 'data'), { count: 8, testCount: 3, size: 16, seed: 1 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function tinyConfig(runDir: string, overrides: TrainConfigInput = {}) {
  return parseTrainConfig({
    ...overrides,
    data: { dir: join(dir, 'data'), ...overrides.data },
    preprocessing: { size: [16, 16, 16], ...overrides.preprocessing },
    augmentation: { preset: 'light', ...overrides.augmentation },
    model: {
      architecture: 'custom',
      initFeatures: 4,
      growthRate: 4,
      blockConfig: [1, 1],
      bnSize: 2,
      ...overrides.model,
    },
    schedule: { warmupEpochs: 1, ...overrides.schedule },
    training: {
      epochs: 3,
      batchSize: 3,
      validateEvery: 2,
      workers: 0,
      runDir: join(dir, runDir),
      ...overrides.training,
    },
  });
}

describe('train', () => {
  it('writes the run folder: config.json, metrics.jsonl, last and best checkpoints', async () => {
    const events: TrainProgressEvent[] = [];
    const result = await train(tinyConfig('run-basic'), { onProgress: (e) => events.push(e) });
    expect(result.reason).toBe('completed');
    expect(result.epochsCompleted).toBe(3);
    const lines = (await readFile(join(result.runDir, 'metrics.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => `${line.split}${line.epoch}`)).toEqual([
      'train1',
      'train2',
      'validation2',
      'train3',
      'validation3',
    ]);
    expect(lines[0].tasks.fracture_parts).toMatchObject({ n: 8 });
    expect(lines[0].tasks.gt_displacement.n).toBe(6);
    expect(lines[0].lr).toBeCloseTo(5e-5, 12);
    expect(lines[1].lr).toBeCloseTo(5e-4, 12);
    expect(lines[0].samplesPerSecond).toBeGreaterThan(0);
    expect(lines[0].peakRssMb).toBeGreaterThan(0);
    expect(lines[0].dataWaitShare).toBeGreaterThanOrEqual(0);
    const config = JSON.parse(await readFile(join(result.runDir, 'config.json'), 'utf8'));
    expect(config.training.epochs).toBe(3);
    const state = JSON.parse(
      await readFile(join(result.checkpoints.last, 'trainer-state.json'), 'utf8'),
    );
    expect(state).toMatchObject({ epoch: 3, batchInEpoch: 0, reason: 'final', globalStep: 9 });
    expect(result.checkpoints.best).not.toBeNull();
    expect(result.lastValidation?.split).toBe('validation');
    const steps = events.filter((event) => event.type === 'step');
    expect(steps).toHaveLength(9);
  });

  it('stops early when the best metric stops improving', async () => {
    const result = await train(
      tinyConfig('run-early', {
        training: {
          epochs: 3,
          validateEvery: 1,
          earlyStopping: { patience: 1, minDelta: 1e9 },
          workers: 1,
        },
      }),
    );
    expect(result.reason).toBe('early-stopping');
    expect(result.epochsCompleted).toBe(2);
    expect(result.best?.epoch).toBe(1);
    const state = JSON.parse(
      await readFile(join(result.checkpoints.last, 'trainer-state.json'), 'utf8'),
    );
    expect(state).toMatchObject({ reason: 'early-stopping', validationsWithoutImprovement: 1 });
    // Resumed (say, after a crash while its report was written), it stays stopped.
    const metrics = await readFile(join(result.runDir, 'metrics.jsonl'), 'utf8');
    const resumed = await train(
      tinyConfig('run-early', {
        training: {
          epochs: 3,
          validateEvery: 1,
          earlyStopping: { patience: 1, minDelta: 1e9 },
          workers: 1,
        },
      }),
      { resume: result.runDir },
    );
    expect(resumed).toMatchObject({ reason: 'early-stopping', epochsCompleted: 2 });
    expect(await readFile(join(result.runDir, 'metrics.jsonl'), 'utf8')).toBe(metrics);
  });

  it('keeps tf.memory().numTensors flat across training steps', async () => {
    const counts: number[] = [];
    await train(tinyConfig('run-memory', { training: { epochs: 2, validateEvery: 1 } }), {
      onProgress: (event) => {
        if (event.type === 'step') counts.push(tf.memory().numTensors);
      },
    });
    expect(counts.length).toBe(6);
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(counts[counts.length - 1]).toBe(counts[0]);
  });

  it('ends an interrupted and resumed run with the same weights as an uninterrupted one', async () => {
    const straight = await train(tinyConfig('run-straight'));
    const controller = new AbortController();
    let steps = 0;
    const first = await train(tinyConfig('run-resumed'), {
      signal: controller.signal,
      onProgress: (event) => {
        if (event.type !== 'step') return;
        steps += 1;
        if (steps === 4) controller.abort();
      },
    });
    expect(first.reason).toBe('interrupted');
    const interruptedState = JSON.parse(
      await readFile(join(first.checkpoints.last, 'trainer-state.json'), 'utf8'),
    );
    expect(interruptedState).toMatchObject({ epoch: 1, batchInEpoch: 1, reason: 'interrupted' });
    const resumed = await train(tinyConfig('run-resumed'), { resume: first.runDir });
    expect(resumed.reason).toBe('completed');
    const a = await readFile(join(straight.checkpoints.last, 'weights.bin'));
    const b = await readFile(join(resumed.checkpoints.last, 'weights.bin'));
    expect(b.equals(a)).toBe(true);
    const optimizerA = await readFile(join(straight.checkpoints.last, 'optimizer.bin'));
    const optimizerB = await readFile(join(resumed.checkpoints.last, 'optimizer.bin'));
    expect(optimizerB.equals(optimizerA)).toBe(true);
    const lines = (await readFile(join(resumed.runDir, 'metrics.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    const straightLines = (await readFile(join(straight.runDir, 'metrics.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    const losses = (text: string[]) => text.map((line) => JSON.parse(line).loss);
    expect(losses(lines)).toEqual(losses(straightLines));
  });

  it('names an unreadable scan, and skips it with skipBad', async () => {
    const data = join(dir, 'bad-data');
    await writeTinyDataset(data, { count: 4, testCount: 2, size: 16, seed: 2 });
    const bad = join(data, 'new_datasets', 'one_side_train', 'TR001-left.nii');
    await writeFile(bad, 'truncated');
    await expect(
      train(
        tinyConfig('run-bad', {
          data: { dir: data },
          training: { epochs: 1 },
          schedule: { type: 'constant' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'unreadable-scan', file: bad });
    const warnings: string[] = [];
    const result = await train(
      tinyConfig('run-skip', {
        data: { dir: data, skipBad: true },
        training: { epochs: 1 },
        schedule: { type: 'constant' },
      }),
      { onProgress: (event) => event.type === 'warning' && warnings.push(event.message) },
    );
    expect(result.reason).toBe('completed');
    expect(warnings.some((warning) => warning.includes(bad))).toBe(true);
  });

  it('names a NaN scan before training and keeps the last good checkpoint', async () => {
    const data = join(dir, 'nan-data');
    await writeTinyDataset(data, { count: 4, testCount: 2, size: 16, seed: 3 });
    const config = (epochs: number) =>
      tinyConfig('run-nan', {
        data: { dir: data },
        training: { epochs, validateEvery: 5 },
        schedule: { type: 'constant' },
      });
    const first = await train(config(1));
    const before = await readFile(join(first.checkpoints.last, 'weights.bin'));
    const { writeNifti } = await import('@ct-fracture/nifti-io/node');
    const nanScan = join(data, 'new_datasets', 'one_side_train', 'TR002-left.nii');
    await writeNifti(nanScan, {
      data: new Float32Array(16 ** 3).fill(Number.NaN),
      shape: [16, 16, 16],
      spacingMm: [1, 1, 1],
      affine: [
        [1, 0, 0, 0],
        [0, 1, 0, 0],
        [0, 0, 1, 0],
        [0, 0, 0, 1],
      ],
    });
    // Was: a NaN loss at epoch 2 naming the batch's four scans, found after the first epoch.
    await expect(train(config(2), { resume: first.runDir })).rejects.toMatchObject({
      code: 'unreadable-scan',
      file: nanScan,
      message: expect.stringContaining('the voxel values must be finite numbers, got NaN'),
    });
    const after = await readFile(join(first.checkpoints.last, 'weights.bin'));
    expect(after.equals(before)).toBe(true);
    const state = JSON.parse(
      await readFile(join(first.checkpoints.last, 'trainer-state.json'), 'utf8'),
    );
    expect(state.epoch).toBe(1);
  });

  it('on a diverging loss says the weights diverged, and that no checkpoint exists yet', async () => {
    const error = await train(
      tinyConfig('run-diverge', {
        optimizer: { lr: 1e38 },
        schedule: { type: 'constant' },
        training: { epochs: 2 },
      }),
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'non-finite-loss',
      message: expect.stringMatching(
        /loss must stay finite, got (NaN|Infinity) at epoch 1 batch \d: the weights diverged.*before its first checkpoint \(nothing was saved\)/,
      ),
    });
    expect((error as Error).message).not.toContain('checkpoints/last');
  });
});
