import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findPublishedFolder } from '@ct-fracture/core/node';
import { DenseNetError } from '../errors/densenet-error';
import type { DenseNet3d } from '../model/dense-net-3d';
import {
  CHECKPOINT_FILES,
  type CheckpointModelJson,
  modelFromCheckpointFiles,
  weightPaths,
} from './artifacts';
import { type CheckpointMetadata, validateCheckpointMetadata } from './metadata';

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DenseNetError({
      code: 'checkpoint-io',
      file: path,
      message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): a checkpoint folder holds model.json, weights.bin and ct-fracture.json`,
      cause: error,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DenseNetError({
      code: 'checkpoint-format',
      file: path,
      message: `must be JSON: ${(error as Error).message}`,
      cause: error,
    });
  }
}

/**
 * The folder to read for a checkpoint path: the folder itself, or — when a process was killed
 * in the middle of replacing it — the newest complete copy the write left beside it.
 */
export async function checkpointFolder(dir: string): Promise<string> {
  return (await findPublishedFolder(dir)) ?? dir;
}

/**
 * Reads only a checkpoint's `ct-fracture.json` (label spec, preprocessing, provenance).
 * @throws DenseNetError `checkpoint-io` / `checkpoint-format`.
 * @example
 * (await readCheckpointMetadata('ckpt')).preprocessing.size; // [128, 128, 128]
 */
export async function readCheckpointMetadata(dir: string): Promise<CheckpointMetadata> {
  const path = join(await checkpointFolder(dir), CHECKPOINT_FILES.metadata);
  return validateCheckpointMetadata(await readJson(path), path);
}

/**
 * Loads a checkpoint folder from the filesystem. When the folder is missing because a write was
 * killed between its two renames, the complete copy left beside it is read (the newest one).
 * @throws DenseNetError `checkpoint-io` (missing files) or `checkpoint-format`.
 * @example
 * const { model, metadata } = await loadCheckpoint('runs/x/checkpoints/best');
 */
export async function loadCheckpoint(
  path: string,
): Promise<{ model: DenseNet3d; metadata: CheckpointMetadata }> {
  const dir = await checkpointFolder(path);
  const modelJson = (await readJson(join(dir, CHECKPOINT_FILES.model))) as CheckpointModelJson;
  const metadataJson = await readJson(join(dir, CHECKPOINT_FILES.metadata));
  const paths = weightPaths(modelJson, dir);
  const buffers: Uint8Array[] = [];
  for (const path of paths) {
    const file = join(dir, path);
    try {
      buffers.push(new Uint8Array(await readFile(file)));
    } catch (error) {
      throw new DenseNetError({
        code: 'checkpoint-io',
        file,
        message: `cannot be read: ${(error as Error).message}`,
        cause: error,
      });
    }
  }
  return modelFromCheckpointFiles(modelJson, buffers, metadataJson, dir);
}
