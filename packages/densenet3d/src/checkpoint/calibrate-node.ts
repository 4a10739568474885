import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CtFractureError } from '@ct-fracture/core';
import { editPublishedFolder, writeFileAtomic } from '@ct-fracture/core/node';
import type { CheckpointCalibration } from '../calibration/calibration-metadata';
import { DenseNetError } from '../errors/densenet-error';
import { CHECKPOINT_FILES } from './artifacts';
import { type CheckpointMetadata, validateCheckpointMetadata } from './metadata';

/**
 * Replaces a checkpoint's calibration and operating points in its `ct-fracture.json` (weights
 * untouched): each given field replaces the stored one, an absent field removes it; every other
 * field is kept as it is in the file. The result is validated first and written atomically,
 * under the checkpoint folder's lock (after repairing a checkpoint write that was killed half-way).
 * @param dir - the checkpoint folder.
 * @throws DenseNetError `checkpoint-io` when the file cannot be read or written,
 * `checkpoint-format` when it (or the result) is not valid checkpoint metadata.
 * @example
 * await writeCheckpointCalibration('runs/x/checkpoints/best', {
 *   calibration: { varus: { temperature: 0.7, validation: { n: 48, nllBefore: 0.6, nllAfter: 0.5, eceBefore: 0.2, eceAfter: 0.06 } } },
 * });
 */
export async function writeCheckpointCalibration(
  dir: string,
  calibration: CheckpointCalibration,
): Promise<CheckpointMetadata> {
  try {
    return await editPublishedFolder(dir, () => writeCalibration(dir, calibration), {
      purpose: 'checkpoint folder',
    });
  } catch (error) {
    if (CtFractureError.isInstance(error)) throw error;
    throw new DenseNetError({
      code: 'checkpoint-io',
      file: dir,
      message: `could not be updated: ${(error as Error).message}`,
      cause: error,
    });
  }
}

async function writeCalibration(
  dir: string,
  calibration: CheckpointCalibration,
): Promise<CheckpointMetadata> {
  const path = join(dir, CHECKPOINT_FILES.metadata);
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new DenseNetError({
      code: error instanceof SyntaxError ? 'checkpoint-format' : 'checkpoint-io',
      file: path,
      message: `cannot be read as JSON: ${(error as Error).message}`,
      cause: error,
    });
  }
  validateCheckpointMetadata(raw, path);
  const { calibration: _calibration, operatingPoints: _operatingPoints, ...rest } = raw;
  const updated: Record<string, unknown> = {
    ...rest,
    ...(calibration.calibration === undefined ? {} : { calibration: calibration.calibration }),
    ...(calibration.operatingPoints === undefined
      ? {}
      : { operatingPoints: calibration.operatingPoints }),
  };
  const text = `${JSON.stringify(updated, null, 2)}\n`;
  const metadata = validateCheckpointMetadata(JSON.parse(text), path);
  try {
    await writeFileAtomic(path, text, { createFolder: false });
  } catch (error) {
    throw new DenseNetError({
      code: 'checkpoint-io',
      file: path,
      message: `could not be written: ${(error as Error).message}`,
      cause: error,
    });
  }
  return metadata;
}
