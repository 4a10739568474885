import '@tensorflow/tfjs-backend-cpu';
import { mkdtemp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DenseNetError } from '../errors/densenet-error';
import type { DenseNetConfig } from '../model/config';
import { createDenseNet3d } from '../model/create';
import type { DenseNet3d } from '../model/dense-net-3d';
import { labelSpecFor } from '../test-support/label-spec';
import { checkpointFolder, loadCheckpoint, readCheckpointMetadata } from './load-node';
import { loadCheckpointFromUrl } from './load-url';
import { ORIGINAL_PREPROCESSING, validateCheckpointMetadata } from './metadata';
import { saveCheckpoint } from './save-node';

const CONFIG: DenseNetConfig = {
  body: {
    inChannels: 1,
    initFeatures: 4,
    growthRate: 2,
    blockConfig: [2, 2],
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
  preprocessing: { ...ORIGINAL_PREPROCESSING, size: [16, 16, 16] as [number, number, number] },
  provenance: { source: 'test' },
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function trainedModel(): Promise<DenseNet3d> {
  const model = createDenseNet3d(CONFIG, { seed: 5 });
  const x = tf.randomUniform([2, 16, 16, 16, 1], 0, 1, 'float32', 1);
  tf.dispose(model.forward(x, { training: true }).logits); // non-trivial running statistics
  x.dispose();
  return model;
}

function logits(model: DenseNet3d): Float32Array[] {
  const x = tf.randomUniform([1, 16, 16, 16, 1], 0, 1, 'float32', 2);
  const outputs = model.forward(x).logits;
  const values = outputs.map((output) => output.dataSync() as Float32Array);
  tf.dispose([x, ...outputs]);
  return values;
}

async function setSize(dir: string, size: number[]): Promise<void> {
  const json = JSON.parse(await readFile(join(dir, 'ct-fracture.json'), 'utf8'));
  json.preprocessing.size = size;
  await writeFile(join(dir, 'ct-fracture.json'), JSON.stringify(json));
}

/** Overwrites element `index` of weight `name` in weights.bin. */
async function setWeightElement(
  dir: string,
  name: string,
  index: number,
  value: number,
): Promise<void> {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  let offset = 0;
  for (const spec of json.weightsManifest[0].weights as Array<{ name: string; shape: number[] }>) {
    if (spec.name === name) break;
    offset += 4 * spec.shape.reduce((product, size) => product * size, 1);
  }
  const bytes = await readFile(join(dir, 'weights.bin'));
  bytes.writeFloatLE(value, offset + 4 * index);
  await writeFile(join(dir, 'weights.bin'), bytes);
}

describe('checkpoints', () => {
  it('save → load → predict gives bit-identical logits; replacing is atomic and keeps extra files', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ctf-ckpt-'));
    const dir = join(root, 'best');
    const model = await trainedModel();
    await saveCheckpoint(dir, createDenseNet3d(CONFIG, { seed: 99 }), INFO);
    const metadata = await saveCheckpoint(dir, model, INFO, {
      extraFiles: { 'optimizer.json': '{}' },
    });
    expect(metadata.packageVersions['@tensorflow/tfjs-core']).toBe(tf.version_core);
    expect((await readdir(root)).sort()).toEqual(['best']);
    expect((await readdir(dir)).sort()).toEqual([
      '.ct-fracture-folder.json',
      'ct-fracture.json',
      'model.json',
      'optimizer.json',
      'weights.bin',
    ]);
    const loaded = await loadCheckpoint(dir);
    expect(loaded.metadata).toEqual(metadata);
    expect(await readCheckpointMetadata(dir)).toEqual(metadata);
    const before = logits(model);
    const after = logits(loaded.model);
    after.forEach((values, index) => {
      expect(Buffer.from(values.buffer).equals(Buffer.from(before[index]!.buffer))).toBe(true);
    });
    for (const [key, variable] of model.weights) {
      expect(Array.from(loaded.model.weights.get(key)!.dataSync()), key).toEqual(
        Array.from(variable.dataSync()),
      );
    }
    model.dispose();
    loaded.model.dispose();
  });

  it('reads the newest complete copy when a write was killed between its renames', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ctf-ckpt-'));
    const dir = join(root, 'last');
    const older = createDenseNet3d(CONFIG, { seed: 5 });
    const newer = createDenseNet3d(CONFIG, { seed: 6 });
    await saveCheckpoint(dir, older, INFO, { step: 3 });
    // The state a kill leaves between the two renames: the old folder moved aside (`.old-`),
    // the complete new one not yet renamed into place (`.tmp-`).
    await rename(dir, join(root, '.last.old-1-ffffffff'));
    await saveCheckpoint(join(root, 'new'), newer, INFO, { step: 12 });
    await rename(join(root, 'new'), join(root, '.last.tmp-1-00000000'));
    const loaded = await loadCheckpoint(dir);
    expect(Buffer.from(logits(loaded.model)[0]!.buffer)).toEqual(
      Buffer.from(logits(newer)[0]!.buffer),
    );
    expect(await checkpointFolder(dir)).toBe(join(root, '.last.tmp-1-00000000'));
    // The next write repairs and replaces: one folder, no copies beside it.
    await saveCheckpoint(dir, older, INFO, { step: 13 });
    expect(await readdir(root)).toEqual(['last']);
    for (const model of [older, newer, loaded.model]) model.dispose();
  });

  it('loads over HTTP-style fetch (browser path) with the same logits', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'ctf-ckpt-')), 'ckpt');
    const model = await trainedModel();
    await saveCheckpoint(dir, model, INFO);
    const requested: string[] = [];
    const fetcher = (async (url: string) => {
      requested.push(url);
      const path = join(dir, new URL(url).pathname.replace('/models/ckpt/', ''));
      try {
        return new Response(await readFile(path));
      } catch {
        return new Response('missing', { status: 404 });
      }
    }) as typeof fetch;
    const loaded = await loadCheckpointFromUrl('http://127.0.0.1:1/models/ckpt', fetcher);
    expect(requested.map((url) => url.split('/').pop()).sort()).toEqual([
      'ct-fracture.json',
      'model.json',
      'weights.bin',
    ]);
    expect(logits(loaded.model)).toEqual(logits(model));
    await expect(
      loadCheckpointFromUrl('http://127.0.0.1:1/models/nothing', fetcher),
    ).rejects.toThrow(/HTTP 404/);
    model.dispose();
    loaded.model.dispose();
  });

  it.each<[string, (dir: string) => Promise<void>, RegExp]>([
    [
      'a missing weights file',
      async (dir) => writeFile(join(dir, 'weights.bin'), new Uint8Array(8)),
      /weights must be float32 totalling \d+ bytes as the manifest lists, got 8 bytes/,
    ],
    [
      'a weight path outside the folder',
      async (dir) => {
        const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
        json.weightsManifest[0].paths = ['../../etc/passwd'];
        await writeFile(join(dir, 'model.json'), JSON.stringify(json));
      },
      /weight paths must be plain file names in the checkpoint folder, got "..\/..\/etc\/passwd"/,
    ],
    [
      'a label spec that does not match the heads',
      async (dir) => {
        const json = JSON.parse(await readFile(join(dir, 'ct-fracture.json'), 'utf8'));
        json.labelSpec.tasks[1].classes = ['yes', 'no'];
        await writeFile(join(dir, 'ct-fracture.json'), JSON.stringify(json));
      },
      /ct-fracture.json: labelSpec.tasks\[1\] must match head 'varus'/,
    ],
    [
      'bad JSON',
      async (dir) => writeFile(join(dir, 'ct-fracture.json'), '{'),
      /ct-fracture.json: must be JSON/,
    ],
    [
      'an input size of 1000³ (predict used 13.5 GB for 94 s)',
      async (dir) => setSize(dir, [1000, 1000, 1000]),
      /ckpt\/ct-fracture.json: preprocessing.size must be at most 512 per axis and 16777216 voxels \(256³\) in all, got \[1000,1000,1000\] \(1000000000 voxels\)/,
    ],
    [
      'an input size of 4096³ (was: internal error: Invalid typed array length)',
      async (dir) => setSize(dir, [4096, 4096, 4096]),
      /ckpt\/ct-fracture.json: preprocessing.size must be at most 512 per axis and 16777216 voxels \(256³\) in all, got \[4096,4096,4096\]/,
    ],
    [
      'a NaN weight',
      async (dir) => setWeightElement(dir, 'features.norm0.running_var', 1, Number.NaN),
      /ckpt\/weights.bin: weight 'features.norm0.running_var' must be finite, got NaN at element 1/,
    ],
    [
      'an infinite weight',
      async (dir) => setWeightElement(dir, 'heads.varus.weight', 0, -Infinity),
      /ckpt\/weights.bin: weight 'heads.varus.weight' must be finite, got -Infinity at element 0/,
    ],
    [
      'no checkpoint at all',
      async (dir) => writeFile(join(dir, 'model.json'), ''),
      /model.json: must be JSON/,
    ],
  ])('rejects %s with a DenseNetError naming the file', async (_, damage, message) => {
    const dir = join(await mkdtemp(join(tmpdir(), 'ctf-ckpt-')), 'ckpt');
    const model = createDenseNet3d(CONFIG, { seed: 1 });
    await saveCheckpoint(dir, model, INFO);
    model.dispose();
    await damage(dir);
    const error = await loadCheckpoint(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DenseNetError);
    expect((error as Error).message).toMatch(message);
  });

  it.each<[number[], boolean]>([
    [[128, 128, 128], true],
    [[160, 160, 160], true],
    [[256, 256, 256], true],
    [[512, 512, 64], true],
    [[257, 256, 256], false],
    [[513, 8, 8], false],
    [[1000, 1000, 1000], false],
    [[4096, 4096, 4096], false],
  ])('an input size of %j is accepted: %s', (size, accepted) => {
    const metadata = {
      format: 'ct-fracture-checkpoint',
      formatVersion: 1,
      model: CONFIG,
      labelSpec: INFO.labelSpec,
      preprocessing: { ...INFO.preprocessing, size },
      provenance: {},
      packageVersions: {},
    };
    const check = () => validateCheckpointMetadata(metadata, 'c/ct-fracture.json');
    if (accepted) expect(check().preprocessing.size).toEqual(size);
    else expect(check).toThrowError(/^c\/ct-fracture.json: preprocessing.size must be at most/);
  });

  it('readCheckpointMetadata (what predict reads first) refuses an oversized input', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'ctf-ckpt-')), 'ckpt');
    const model = createDenseNet3d(CONFIG, { seed: 1 });
    await saveCheckpoint(dir, model, INFO);
    model.dispose();
    await setSize(dir, [1000, 1000, 1000]);
    await expect(readCheckpointMetadata(dir)).rejects.toThrow(/preprocessing.size must be at most/);
  });

  it('reports a folder that is not a checkpoint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ctf-empty-'));
    await expect(loadCheckpoint(dir)).rejects.toThrow(/model.json: cannot be read \(ENOENT\)/);
  });
});
