import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDenseNet3d, headsFromTasks, ORIGINAL_PREPROCESSING } from '@ct-fracture/densenet3d';
import { saveCheckpoint } from '@ct-fracture/densenet3d/node';
import { DEFAULT_LABEL_SPEC } from '@ct-fracture/labels';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PickedFile } from '../app/picked-files';
import { openCheckpointFiles } from './open-checkpoint';

let dir: string;
let files: Record<string, Uint8Array>;
const HEADS = headsFromTasks(DEFAULT_LABEL_SPEC.tasks);

function picked(entries: Record<string, Uint8Array | string>): PickedFile[] {
  return Object.entries(entries).map(([name, bytes]) => ({
    file: new File([bytes as Uint8Array<ArrayBuffer>], name),
    path: `best/${name}`,
  }));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'ctf-viewer-checkpoint-'));
  const model = createDenseNet3d(
    {
      body: {
        inChannels: 1,
        initFeatures: 4,
        growthRate: 2,
        blockConfig: [1, 1],
        bnSize: 2,
        dropoutProb: 0,
      },
      heads: HEADS,
    },
    { seed: 3 },
  );
  await saveCheckpoint(join(dir, 'best'), model, {
    labelSpec: DEFAULT_LABEL_SPEC,
    preprocessing: { ...ORIGINAL_PREPROCESSING, size: [16, 16, 16] },
    provenance: { source: 'test' },
  });
  model.dispose();
  files = {};
  for (const name of ['model.json', 'weights.bin', 'ct-fracture.json']) {
    files[name] = new Uint8Array(await readFile(join(dir, 'best', name)));
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openCheckpointFiles (a folder chosen or dropped in the page)', () => {
  it('loads the model and its metadata through the URL loader', async () => {
    const before = tf.memory().numTensors;
    const { model, metadata, source } = await openCheckpointFiles(picked(files), 'best');
    expect(source).toBe('best');
    expect(metadata.preprocessing.size).toEqual([16, 16, 16]);
    expect(model.config.heads).toEqual(HEADS);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [
      'no ct-fracture.json',
      ['ct-fracture.json'],
      "'best' is not a checkpoint folder: it must hold model.json, weights.bin and ct-fracture.json; ct-fracture.json is missing (it holds model.json, weights.bin)",
    ],
    [
      'neither JSON file',
      ['ct-fracture.json', 'model.json'],
      "'best' is not a checkpoint folder: it must hold model.json, weights.bin and ct-fracture.json; model.json and ct-fracture.json are missing (it holds weights.bin)",
    ],
  ])('%s → a message naming what is missing', async (_, drop, message) => {
    const kept = Object.fromEntries(Object.entries(files).filter(([name]) => !drop.includes(name)));
    await expect(openCheckpointFiles(picked(kept), 'best')).rejects.toThrow(message);
  });

  it('names the folder, not a URL, when the weights are missing', async () => {
    const { 'weights.bin': _, ...rest } = files;
    await expect(openCheckpointFiles(picked(rest), 'best')).rejects.toThrow(
      /^best\/weights\.bin: could not be fetched: 'weights\.bin' is not in the chosen folder$/,
    );
  });
});
