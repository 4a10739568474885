import '@tensorflow/tfjs-backend-cpu';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DenseNetError } from '../errors/densenet-error';
import type { DenseNetConfig } from '../model/config';
import { createDenseNet3d } from '../model/create';
import { labelSpecFor } from '../test-support/label-spec';
import { writeCheckpointCalibration } from './calibrate-node';
import { loadCheckpoint, readCheckpointMetadata } from './load-node';
import { ORIGINAL_PREPROCESSING } from './metadata';
import { saveCheckpoint } from './save-node';

const CONFIG: DenseNetConfig = {
  body: {
    inChannels: 1,
    initFeatures: 4,
    growthRate: 2,
    blockConfig: [2],
    bnSize: 2,
    dropoutProb: 0,
  },
  heads: [
    { task: 'parts', kind: 'multiclass', classes: ['1-part', '2-part', 'multipart'] },
    { task: 'varus', kind: 'binary', classes: ['no', 'yes'] },
  ],
};
const INFO = {
  labelSpec: labelSpecFor(CONFIG.heads),
  preprocessing: { ...ORIGINAL_PREPROCESSING, size: [8, 8, 8] as [number, number, number] },
  provenance: { source: 'test' },
};
const CALIBRATION = {
  calibration: {
    varus: {
      temperature: 0.62,
      validation: { n: 10, nllBefore: 0.6, nllAfter: 0.5, eceBefore: 0.21, eceAfter: 0.07 },
    },
  },
  operatingPoints: {
    varus: {
      threshold: 0.27,
      rule: 'youden',
      validation: { n: 10, sensitivity: 0.8, specificity: 0.6 },
    },
  },
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function savedCheckpoint(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'ctf-calibrate-')), 'best');
  const model = createDenseNet3d(CONFIG, { seed: 3 });
  await saveCheckpoint(dir, model, INFO);
  model.dispose();
  return dir;
}

describe('checkpoint calibration', () => {
  it('is absent from checkpoints saved without it', async () => {
    const dir = await savedCheckpoint();
    const json = JSON.parse(await readFile(join(dir, 'ct-fracture.json'), 'utf8'));
    expect(Object.keys(json)).not.toContain('calibration');
    expect(Object.keys(json)).not.toContain('operatingPoints');
    const metadata = await readCheckpointMetadata(dir);
    expect('calibration' in metadata || 'operatingPoints' in metadata).toBe(false);
  });

  it('is written into ct-fracture.json only, loaded back, and removed again', async () => {
    const dir = await savedCheckpoint();
    const weights = await readFile(join(dir, 'weights.bin'));
    const modelJson = await readFile(join(dir, 'model.json'), 'utf8');
    const before = JSON.parse(await readFile(join(dir, 'ct-fracture.json'), 'utf8'));
    const written = await writeCheckpointCalibration(dir, CALIBRATION);
    expect(written.calibration).toEqual(CALIBRATION.calibration);
    const { model, metadata } = await loadCheckpoint(dir);
    model.dispose();
    expect(metadata).toEqual({ ...(await readCheckpointMetadata(dir)) });
    expect(metadata.operatingPoints).toEqual(CALIBRATION.operatingPoints);
    expect(await readFile(join(dir, 'weights.bin'))).toEqual(weights);
    expect(await readFile(join(dir, 'model.json'), 'utf8')).toBe(modelJson);
    await writeCheckpointCalibration(dir, {});
    expect(JSON.parse(await readFile(join(dir, 'ct-fracture.json'), 'utf8'))).toEqual(before);
  });

  it('keeps calibration given to saveCheckpoint', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'ctf-calibrate-')), 'ckpt');
    const model = createDenseNet3d(CONFIG, { seed: 3 });
    await saveCheckpoint(dir, model, { ...INFO, ...CALIBRATION });
    model.dispose();
    const metadata = await readCheckpointMetadata(dir);
    expect(metadata.calibration).toEqual(CALIBRATION.calibration);
    expect(metadata.operatingPoints).toEqual(CALIBRATION.operatingPoints);
  });

  it('refuses invalid calibration and leaves the file as it was', async () => {
    const dir = await savedCheckpoint();
    const before = await readFile(join(dir, 'ct-fracture.json'), 'utf8');
    const error = await writeCheckpointCalibration(dir, {
      operatingPoints: { parts: CALIBRATION.operatingPoints.varus },
    }).catch((caught: unknown) => caught);
    expect(DenseNetError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /ct-fracture.json: operatingPoints.parts: operating points are for binary tasks, 'parts' is multiclass/,
    );
    expect(await readFile(join(dir, 'ct-fracture.json'), 'utf8')).toBe(before);
  });

  it('names a folder that is not a checkpoint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctf-calibrate-'));
    await expect(writeCheckpointCalibration(dir, CALIBRATION)).rejects.toThrow(
      /ct-fracture.json: cannot be read as JSON: ENOENT/,
    );
  });
});
