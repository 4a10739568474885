/**
 * What a training configuration means for the run: the network, the per-task losses and the
 * preprocessing cache folder. (Run setup itself — folder, lock, data, starting point — is
 * `train/setup-run.ts`.)
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { DenseNetConfig } from '@ct-fracture/densenet3d';
import { densenetPreset, headsFromTasks } from '@ct-fracture/densenet3d';
import { classWeights, type LabelSpec } from '@ct-fracture/labels';
import { TrainerError } from '../errors/trainer-error';
import type { WeightedTaskLoss } from '../loss/multi-task-loss';
import type { TrainConfig } from './config-schema';

/** The network configuration of a training configuration and label specification. */
export function modelConfigFor(config: TrainConfig, spec: LabelSpec): DenseNetConfig {
  const { model } = config;
  const body =
    model.architecture === 'custom'
      ? {
          inChannels: 1,
          initFeatures: model.initFeatures,
          growthRate: model.growthRate,
          blockConfig: [...model.blockConfig],
          bnSize: model.bnSize,
          dropoutProb: model.dropoutProb,
        }
      : { ...densenetPreset(model.architecture), dropoutProb: model.dropoutProb };
  return { body, heads: headsFromTasks(spec.tasks) };
}

/**
 * The per-task loss settings: kind, focal/cross-entropy, γ, α (binary or multiclass), task weight
 * and class weights (from the training class counts when computed).
 * @throws {TrainerError} `invalid-config` for weights naming an unknown task or the wrong number
 * of classes.
 */
export function taskLossesFor(
  config: TrainConfig,
  spec: LabelSpec,
  trainClassCounts: readonly number[][],
): WeightedTaskLoss[] {
  const { loss } = config;
  const names = spec.tasks.map((task) => task.name);
  const unknown = [
    ...Object.keys(loss.taskWeights),
    ...(typeof loss.classWeights === 'object' ? Object.keys(loss.classWeights) : []),
  ].filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new TrainerError({
      code: 'invalid-config',
      field: 'loss.taskWeights',
      value: unknown[0],
      message: `loss weights must name tasks of the label specification (${names.join(', ')}), got '${unknown[0]}'`,
    });
  }
  return spec.tasks.map((task, t) => {
    let weights: number[] | null = null;
    if (typeof loss.classWeights === 'object') {
      weights = loss.classWeights[task.name] ?? null;
      if (weights !== null && weights.length !== task.classes.length) {
        throw new TrainerError({
          code: 'invalid-config',
          field: `loss.classWeights.${task.name}`,
          value: JSON.stringify(weights),
          message: `class weights of '${task.name}' must have ${task.classes.length} values (${task.classes.join(', ')}), got ${weights.length}`,
        });
      }
    } else if (loss.classWeights !== 'none') {
      weights = classWeights(trainClassCounts[t]!, {
        method: loss.classWeights,
        beta: loss.effectiveNumberBeta,
      });
    }
    return {
      name: task.name,
      kind: task.kind,
      type: loss.type,
      gamma: loss.gamma,
      alpha: task.kind === 'binary' ? loss.binaryAlpha : loss.multiclassAlpha,
      classWeights: weights,
      weight: loss.taskWeights[task.name] ?? 1,
    };
  });
}

/**
 * The default preprocessing cache folder: `$XDG_CACHE_HOME/ct-fracture`, else
 * `~/.cache/ct-fracture` — outside any dataset (a dataset folder may be read-only or shared).
 */
export function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(
    xdg !== undefined && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'),
    'ct-fracture',
  );
}

/** The preprocessing cache folder of a configuration (null when caching is off). */
export function cacheDirFor(config: TrainConfig): string | null {
  if (!config.data.cache) return null;
  if (config.data.cacheDir !== null) return resolve(config.data.cacheDir);
  return defaultCacheDir();
}
