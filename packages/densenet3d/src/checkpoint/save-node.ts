import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { temporarySibling } from '@ct-fracture/core/node';
import { DenseNetError } from '../errors/densenet-error';
import type { DenseNet3d } from '../model/dense-net-3d';
import { CHECKPOINT_FILES, type CheckpointFiles, checkpointFiles } from './artifacts';
import type { CheckpointMetadata } from './metadata';

/** What the caller supplies for `ct-fracture.json` (the rest is filled in). */
export type CheckpointInfo = Parameters<typeof checkpointFiles>[1];

/** Options of {@link saveCheckpoint}. */
export interface SaveCheckpointOptions {
  /** More files written into the same folder in the same atomic step (e.g. the trainer's `optimizer.json`). */
  extraFiles?: Readonly<Record<string, Uint8Array | string>>;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a checkpoint folder atomically: everything goes to a temporary sibling folder,
 * which then replaces `dir` by rename (the previous folder is moved aside first and removed
 * after), so a killed process never leaves a torn checkpoint at `dir`.
 * @throws DenseNetError `checkpoint-io` naming the path.
 * @example
 * await saveCheckpoint('runs/x/checkpoints/best', model, { labelSpec, preprocessing, provenance: { epoch: 5 } });
 */
export async function saveCheckpoint(
  dir: string,
  model: DenseNet3d,
  info: CheckpointInfo,
  options: SaveCheckpointOptions = {},
): Promise<CheckpointMetadata> {
  const files: CheckpointFiles = await checkpointFiles(model, info);
  const temporary = temporarySibling(dir);
  const aside = temporary.replace(/\.tmp-([^.]+)$/, '.old-$1');
  try {
    await mkdir(temporary, { recursive: true });
    const writes: Array<[string, Uint8Array | string]> = [
      [CHECKPOINT_FILES.weights, files.weightData],
      [CHECKPOINT_FILES.model, `${JSON.stringify(files.modelJson)}\n`],
      [CHECKPOINT_FILES.metadata, `${JSON.stringify(files.metadata, null, 2)}\n`],
      ...Object.entries(options.extraFiles ?? {}),
    ];
    for (const [name, content] of writes) {
      if (name.includes('/') || name.includes('\\') || name.startsWith('.')) {
        throw new DenseNetError({
          code: 'checkpoint-io',
          file: dir,
          message: `extra file names must be plain names, got '${name}'`,
          value: name,
        });
      }
      await writeFile(join(temporary, name), content, { flush: true });
    }
    const hadPrevious = await exists(dir);
    if (hadPrevious) await rename(dir, aside);
    await rename(temporary, dir);
    if (hadPrevious) await rm(aside, { recursive: true, force: true });
    return files.metadata;
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    if (DenseNetError.isInstance(error)) throw error;
    throw new DenseNetError({
      code: 'checkpoint-io',
      file: dir,
      message: `could not be written: ${(error as Error).message}`,
      cause: error,
    });
  }
}
