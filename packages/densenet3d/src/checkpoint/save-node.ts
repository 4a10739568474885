import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CtFractureError } from '@ct-fracture/core';
import { publishFolder } from '@ct-fracture/core/node';
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
  /**
   * Orders the versions of the folder: after a crash in the middle of a write, the complete
   * copy with the largest step is kept (the trainer passes its global step; default `Date.now()`).
   */
  step?: number;
}

/**
 * Writes a checkpoint folder atomically with `@ct-fracture/core/node`'s `publishFolder`:
 * everything goes to a hidden temporary sibling folder, which then replaces `dir` by rename, so a
 * killed process never leaves a torn checkpoint at `dir` — and a kill between the renames leaves a
 * complete copy beside it that {@link loadCheckpoint} reads and the next write (or
 * `recoverPublishedFolder`) puts back, the newest by `step`.
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
  const writes: Array<[string, Uint8Array | string]> = [
    [CHECKPOINT_FILES.weights, files.weightData],
    [CHECKPOINT_FILES.model, `${JSON.stringify(files.modelJson)}\n`],
    [CHECKPOINT_FILES.metadata, `${JSON.stringify(files.metadata, null, 2)}\n`],
    ...Object.entries(options.extraFiles ?? {}),
  ];
  for (const [name] of writes) {
    if (name.includes('/') || name.includes('\\') || name.startsWith('.')) {
      throw new DenseNetError({
        code: 'checkpoint-io',
        file: dir,
        message: `extra file names must be plain names, got '${name}'`,
        value: name,
      });
    }
  }
  try {
    await publishFolder(
      dir,
      async (temporary) => {
        for (const [name, content] of writes) {
          await writeFile(join(temporary, name), content, { flush: true });
        }
      },
      { step: options.step, purpose: 'checkpoint folder' },
    );
    return files.metadata;
  } catch (error) {
    if (CtFractureError.isInstance(error)) throw error;
    throw new DenseNetError({
      code: 'checkpoint-io',
      file: dir,
      message: `could not be written: ${(error as Error).message}`,
      cause: error,
    });
  }
}
