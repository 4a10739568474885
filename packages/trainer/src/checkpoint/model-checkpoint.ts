// Stand-in for @ct-fracture/densenet3d's checkpoint save/load (not landed yet): the same folder
// layout as docs/contracts.md — model.json (TensorFlow.js weights manifest) + weights.bin +
// ct-fracture.json — written by this package until densenet3d exports its own.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type DenseNet3d,
  type DenseNetConfig,
  denseNet3dFromWeights,
} from '@ct-fracture/densenet3d';
import { TrainerError } from '../errors/trainer-error';
import { writeFileAtomic } from '../io/atomic-write';

/** What `ct-fracture.json` carries besides the architecture. */
export interface CheckpointMetadata {
  labelSpec: unknown;
  preprocessing: {
    windowHu: [number, number];
    outputRange: [number, number];
    size: [number, number, number];
    reorientToRas: boolean;
    spacingMm: [number, number, number] | null;
    resizeMode: string;
  };
  provenance: Record<string, unknown>;
  packageVersions: Record<string, string>;
}

interface ModelJson {
  format: 'ct-fracture-densenet3d';
  generatedBy: string;
  modelTopology: DenseNetConfig;
  weightsManifest: {
    paths: string[];
    weights: { name: string; shape: number[]; dtype: 'float32' }[];
  }[];
}

/**
 * Writes a model checkpoint folder's files into `dir` (each file atomically).
 */
export async function saveModelCheckpoint(
  dir: string,
  model: DenseNet3d,
  metadata: CheckpointMetadata,
): Promise<void> {
  const weights: ModelJson['weightsManifest'][number]['weights'] = [];
  const chunks: Uint8Array[] = [];
  for (const [name, variable] of model.weights) {
    const values = (await variable.data()) as Float32Array;
    weights.push({ name, shape: [...variable.shape], dtype: 'float32' });
    chunks.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
  const modelJson: ModelJson = {
    format: 'ct-fracture-densenet3d',
    generatedBy: '@ct-fracture/trainer',
    modelTopology: model.config,
    weightsManifest: [{ paths: ['weights.bin'], weights }],
  };
  await writeFileAtomic(join(dir, 'weights.bin'), chunks);
  await writeFileAtomic(join(dir, 'model.json'), `${JSON.stringify(modelJson)}\n`);
  await writeFileAtomic(
    join(dir, 'ct-fracture.json'),
    `${JSON.stringify(
      {
        format: 'ct-fracture-checkpoint',
        formatVersion: 1,
        model: model.config,
        ...metadata,
      },
      null,
      2,
    )}\n`,
  );
}

/**
 * Reads a model from a checkpoint folder written by {@link saveModelCheckpoint}.
 * @throws {TrainerError} `checkpoint-io` naming the file when it is missing or inconsistent.
 */
export async function loadModelCheckpoint(dir: string, dropoutSeed = 0): Promise<DenseNet3d> {
  const file = join(dir, 'model.json');
  let modelJson: ModelJson;
  let bytes: Buffer;
  try {
    modelJson = JSON.parse(await readFile(file, 'utf8')) as ModelJson;
    bytes = await readFile(join(dir, modelJson.weightsManifest[0]!.paths[0]!));
  } catch (error) {
    throw new TrainerError({
      code: 'checkpoint-io',
      file,
      message: `the checkpoint must hold a readable model.json and its weights, got: ${(error as Error).message}`,
      cause: error,
    });
  }
  const values = new Map<string, Float32Array>();
  let offset = 0;
  for (const weight of modelJson.weightsManifest[0]!.weights) {
    const size = weight.shape.reduce((product, extent) => product * extent, 1);
    if (offset + size * 4 > bytes.length) {
      throw new TrainerError({
        code: 'checkpoint-io',
        file: join(dir, 'weights.bin'),
        message: `the weights file must hold ${offset + size * 4} bytes or more, got ${bytes.length}`,
      });
    }
    const array = new Float32Array(size);
    new Uint8Array(array.buffer).set(bytes.subarray(offset, offset + size * 4));
    values.set(weight.name, array);
    offset += size * 4;
  }
  return denseNet3dFromWeights(modelJson.modelTopology, values, dropoutSeed);
}
