import type { TrainConfig } from '../config/config-schema';
import { TrainerError } from '../errors/trainer-error';
import type { DatasetSample } from '../pipeline/batch-loader';
import { sha256Text } from '../pipeline/content-hash';
import { canonicalJson } from '../pipeline/preprocess-cache';
import type { RunIdentity } from './training-state';

/**
 * The configuration fields a resumed run must keep: everything that shapes the trajectory of the
 * weights and the choice of the best checkpoint. Free to change on resume: `training.epochs`
 * (to extend a run), the data's location (`data.dir`, CSV and scan folders: the scans themselves
 * are compared), the cache, `data.skipBad`, workers, prefetching, the backend, the run folder
 * settings and `calibration` (fitted after training).
 */
function fixedFields(config: TrainConfig): Record<string, unknown> {
  const { model, training } = config;
  const { init: _init, ...architecture } = model;
  return {
    data: { labelSpec: config.data.labelSpec, validationFraction: config.data.validationFraction },
    preprocessing: config.preprocessing,
    augmentation: config.augmentation,
    model: architecture,
    loss: config.loss,
    optimizer: config.optimizer,
    schedule: config.schedule,
    training: {
      batchSize: training.batchSize,
      dropLast: training.dropLast,
      seed: training.seed,
      validateEvery: training.validateEvery,
      bestMetric: training.bestMetric,
      earlyStopping: training.earlyStopping,
    },
  };
}

function scanDigest(samples: readonly DatasetSample[]): { count: number; digest: string } {
  const rows = samples.map((sample) => [sample.id, sample.labels]);
  return { count: samples.length, digest: sha256Text(canonicalJson(rows)) };
}

/** What a checkpoint records of its run so that a resume can check it continues the same run. */
export function runIdentity(
  config: TrainConfig,
  train: readonly DatasetSample[],
  validation: readonly DatasetSample[],
): RunIdentity {
  const fixed = fixedFields(config);
  return {
    configHash: sha256Text(canonicalJson(fixed)),
    config: fixed,
    trainScans: scanDigest(train),
    validationScans: scanDigest(validation),
  };
}

/** Dotted paths where two JSON values differ (at most `limit`). */
function differences(a: unknown, b: unknown, path: string, limit: number): string[] {
  if (canonicalJson(a) === canonicalJson(b)) return [];
  const isObject = (value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isObject(a) || !isObject(b)) {
    const show = (value: unknown) => JSON.stringify(value)?.slice(0, 80) ?? 'nothing';
    return [`${path} ${show(a)} in the checkpoint, ${show(b)} now`];
  }
  const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
  const found: string[] = [];
  for (const key of keys) {
    if (found.length >= limit) break;
    found.push(
      ...differences(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        path === '' ? key : `${path}.${key}`,
        limit - found.length,
      ),
    );
  }
  return found;
}

/**
 * Checks that a resumed run continues the run its checkpoint belongs to: the same fixed
 * configuration and the same training and validation scans.
 * @param saved - the checkpoint's identity (absent in checkpoints written before it was recorded:
 *   nothing to check).
 * @param file - the checkpoint's `trainer-state.json`, for messages.
 * @throws {TrainerError} `resume` naming what changed.
 */
export function checkRunIdentity(
  saved: RunIdentity | undefined,
  current: RunIdentity,
  file: string,
): void {
  if (saved === undefined) return;
  if (saved.configHash !== current.configHash) {
    const changed = differences(saved.config, current.config, '', 3);
    throw new TrainerError({
      code: 'resume',
      file,
      message:
        `a resumed run must keep the configuration it was trained with (only training.epochs, ` +
        `data locations, cache, workers and backend may change), got ${changed.join('; ') || 'a different configuration hash'}`,
    });
  }
  for (const [split, before, now] of [
    ['training', saved.trainScans, current.trainScans],
    ['validation', saved.validationScans, current.validationScans],
  ] as const) {
    if (before.digest !== now.digest) {
      throw new TrainerError({
        code: 'resume',
        file,
        message:
          `a resumed run must train on the same ${split} scans and labels, got ${now.count} ` +
          `scans now (${before.count} in the checkpoint)${before.count === now.count ? ' with other ids or labels' : ''}`,
      });
    }
  }
}
