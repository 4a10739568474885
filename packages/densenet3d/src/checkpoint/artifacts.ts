import * as tf from '@tensorflow/tfjs-core';
import { version } from '../../package.json';
import { DenseNetError } from '../errors/densenet-error';
import { validateDenseNetConfig } from '../model/config';
import { denseNet3dFromWeights } from '../model/create';
import type { DenseNet3d } from '../model/dense-net-3d';
import { firstNonFinite } from '../model/first-non-finite';
import { type CheckpointMetadata, validateCheckpointMetadata } from './metadata';

/** File names inside a checkpoint folder. */
export const CHECKPOINT_FILES = {
  model: 'model.json',
  weights: 'weights.bin',
  metadata: 'ct-fracture.json',
} as const;

const PLAIN_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * The weight file names a model.json lists, each a plain file name in the checkpoint
 * folder (no `/`, no `..`), so a crafted model.json cannot make a loader read elsewhere.
 * @throws DenseNetError `checkpoint-format`.
 * @example
 * weightPaths(JSON.parse(modelJsonText), 'ckpt'); // ['weights.bin']
 */
export function weightPaths(modelJson: unknown, where: string): string[] {
  const manifest = (modelJson as Partial<CheckpointModelJson> | null)?.weightsManifest;
  const paths = Array.isArray(manifest) ? manifest.flatMap((group) => group.paths) : [];
  for (const path of paths) {
    if (typeof path !== 'string' || !PLAIN_NAME.test(path)) {
      throw new DenseNetError({
        code: 'checkpoint-format',
        file: `${where}/${CHECKPOINT_FILES.model}`,
        message: `weight paths must be plain file names in the checkpoint folder, got ${JSON.stringify(path)}`,
        value: String(path),
      });
    }
  }
  return paths;
}

/** The tfjs `model.json` of a checkpoint (tfjs artifacts format, `modelTopology` = our config). */
export interface CheckpointModelJson {
  format: 'ct-fracture-densenet3d';
  generatedBy: string;
  convertedBy: string | null;
  modelTopology: CheckpointMetadata['model'];
  weightsManifest: tf.io.WeightsManifestConfig;
}

/** The three files of a checkpoint, in memory. */
export interface CheckpointFiles {
  modelJson: CheckpointModelJson;
  weightData: Uint8Array;
  metadata: CheckpointMetadata;
}

/**
 * Serialises a model and its metadata into checkpoint files (float32, every weight incl.
 * running statistics, named by state_dict key). `packageVersions` gains this package and
 * tfjs-core.
 * @example
 * const files = await checkpointFiles(model, { labelSpec, preprocessing, provenance: {} });
 */
export async function checkpointFiles(
  model: DenseNet3d,
  metadata: Omit<CheckpointMetadata, 'format' | 'formatVersion' | 'model' | 'packageVersions'> & {
    packageVersions?: Record<string, string>;
  },
): Promise<CheckpointFiles> {
  const named = [...model.weights].map(([name, tensor]) => ({ name, tensor }));
  const { data, specs } = await tf.io.encodeWeights(named);
  const full: CheckpointMetadata = {
    format: 'ct-fracture-checkpoint',
    formatVersion: 1,
    model: model.config,
    labelSpec: metadata.labelSpec,
    preprocessing: metadata.preprocessing,
    provenance: metadata.provenance,
    packageVersions: {
      ...metadata.packageVersions,
      '@ct-fracture/densenet3d': version,
      '@tensorflow/tfjs-core': tf.version_core,
    },
    ...(metadata.calibration === undefined ? {} : { calibration: metadata.calibration }),
    ...(metadata.operatingPoints === undefined
      ? {}
      : { operatingPoints: metadata.operatingPoints }),
  };
  validateCheckpointMetadata(JSON.parse(JSON.stringify(full)), CHECKPOINT_FILES.metadata);
  return {
    modelJson: {
      format: 'ct-fracture-densenet3d',
      generatedBy: `@ct-fracture/densenet3d ${version}`,
      convertedBy: null,
      modelTopology: model.config,
      weightsManifest: [{ paths: [CHECKPOINT_FILES.weights], weights: specs }],
    },
    weightData: new Uint8Array(data),
    metadata: full,
  };
}

/** Maps a byte offset in the joined weight data to the weight file that holds it. */
function weightFileAt(
  manifest: tf.io.WeightsManifestConfig,
  buffers: readonly Uint8Array[],
  where: string,
): (offset: number) => string {
  const paths = manifest.flatMap((group) => group.paths);
  return (offset) => {
    let end = 0;
    for (const [index, buffer] of buffers.entries()) {
      end += buffer.byteLength;
      if (offset < end) return `${where}/${paths[index] ?? CHECKPOINT_FILES.weights}`;
    }
    return `${where}/${paths[paths.length - 1] ?? CHECKPOINT_FILES.weights}`;
  };
}

/**
 * Every weight must be finite: a NaN or infinite weight (a run that diverged, a damaged file)
 * would otherwise give confident-looking probabilities.
 * @throws DenseNetError `checkpoint-format` naming the weight file, the weight and the element.
 */
function checkWeightsFinite(
  specs: readonly tf.io.WeightsManifestEntry[],
  joined: Uint8Array,
  fileAt: (offset: number) => string,
): void {
  let offset = 0;
  for (const spec of specs) {
    const count = spec.shape.reduce((product, size) => product * size, 1);
    const values = new Float32Array(joined.buffer, joined.byteOffset + offset, count);
    const bad = firstNonFinite(values);
    if (bad >= 0) {
      throw new DenseNetError({
        code: 'checkpoint-format',
        file: fileAt(offset + 4 * bad),
        message: `weight '${spec.name}' must be finite, got ${values[bad]} at element ${bad} (a run that diverged, or a damaged file)`,
        key: spec.name,
        value: String(values[bad]),
      });
    }
    offset += 4 * count;
  }
}

/**
 * Rebuilds a model from checkpoint contents: `model.json`, its weight files' bytes (in
 * manifest order) and `ct-fracture.json`.
 * @param where - folder or URL, for error messages.
 * @throws DenseNetError `checkpoint-format` (bad JSON fields, an input size past
 * `MAX_INPUT_SIZE`, weights not matching the config, a NaN or infinite weight — naming the
 * weight file and the weight).
 * @example
 * const { model } = modelFromCheckpointFiles(modelJson, [weightBytes], metadataJson, 'ckpt');
 */
export function modelFromCheckpointFiles(
  modelJson: unknown,
  weightBuffers: readonly Uint8Array[],
  metadataJson: unknown,
  where: string,
): { model: DenseNet3d; metadata: CheckpointMetadata } {
  const modelFile = `${where}/${CHECKPOINT_FILES.model}`;
  const metadata = validateCheckpointMetadata(
    metadataJson,
    `${where}/${CHECKPOINT_FILES.metadata}`,
  );
  const json = modelJson as Partial<CheckpointModelJson> | null;
  if (
    json === null ||
    typeof json !== 'object' ||
    json.format !== 'ct-fracture-densenet3d' ||
    !Array.isArray(json.weightsManifest)
  ) {
    throw new DenseNetError({
      code: 'checkpoint-format',
      file: modelFile,
      message:
        "must be a tfjs model.json with format 'ct-fracture-densenet3d' and a weightsManifest",
    });
  }
  const config = validateDenseNetConfig(json.modelTopology);
  if (JSON.stringify(config) !== JSON.stringify(metadata.model)) {
    throw new DenseNetError({
      code: 'checkpoint-format',
      file: modelFile,
      message: `modelTopology must equal ct-fracture.json's model`,
    });
  }
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const total = weightBuffers.reduce((sum, buffer) => sum + buffer.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const buffer of weightBuffers) {
    joined.set(buffer, offset);
    offset += buffer.byteLength;
  }
  const expectedBytes = specs.reduce(
    (sum, spec) => sum + 4 * spec.shape.reduce((product, size) => product * size, 1),
    0,
  );
  if (specs.some((spec) => spec.dtype !== 'float32') || expectedBytes !== total) {
    throw new DenseNetError({
      code: 'checkpoint-format',
      file: modelFile,
      message: `weights must be float32 totalling ${expectedBytes} bytes as the manifest lists, got ${total} bytes`,
      value: String(total),
    });
  }
  checkWeightsFinite(specs, joined, weightFileAt(json.weightsManifest, weightBuffers, where));
  const tensors = tf.io.decodeWeights(joined.buffer, specs);
  try {
    return { model: denseNet3dFromWeights(config, new Map(Object.entries(tensors))), metadata };
  } catch (error) {
    throw new DenseNetError({
      code: 'checkpoint-format',
      file: modelFile,
      message: (error as Error).message,
      cause: error,
    });
  } finally {
    tf.dispose(Object.values(tensors));
  }
}
