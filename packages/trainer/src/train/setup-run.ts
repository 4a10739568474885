import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDenseNet3d, type DenseNet3d } from '@ct-fracture/densenet3d';
import * as tf from '@tensorflow/tfjs-core';
import packageJson from '../../package.json';
import { loadOptimizerState } from '../checkpoint/optimizer-io';
import { loadCheckpointModel } from '../checkpoint/training-checkpoint';
import type { TrainConfig } from '../config/config-schema';
import { cacheDirFor, modelConfigFor, taskLossesFor } from '../config/derived-settings';
import { TrainerError } from '../errors/trainer-error';
import { AdamOptimizer } from '../optim/adam';
import type { DatasetSample } from '../pipeline/batch-loader';
import { canonicalJson } from '../pipeline/preprocess-cache';
import { SamplePreparer } from '../pipeline/sample-preparer';
import { cleanPreprocessCache } from './clean-cache';
import { truncateMetricsLog } from './metrics-log';
import { trainableWeights } from './model-like';
import type { TrainProgressEvent } from './progress-events';
import type { RunContext } from './run-context';
import { writeRunConfig } from './run-folder';
import { checkRunIdentity, runIdentity } from './run-identity';
import { openRunFolder } from './run-lock';
import { readEveryScan } from './scan-check';
import { checkTrainingData } from './training-data';
import {
  initialTrainingState,
  loadTrainingState,
  TRAINING_STATE_FILE,
  type TrainingState,
} from './training-state';

type Emit = (event: TrainProgressEvent) => void;

/**
 * The model (and, when resuming, loop and optimiser state) a run starts from. A resumed run
 * whose first checkpoint was never written (killed early) starts from the beginning, as the
 * uninterrupted run did; a checkpoint is checked against the run (state ranges, architecture,
 * configuration, scans) before it is used.
 */
async function startingPoint(
  config: TrainConfig,
  run: { runDir: string; lastDir: string; resume: boolean; batchesPerEpoch: number },
  modelConfig: ReturnType<typeof modelConfigFor>,
  identity: ReturnType<typeof runIdentity>,
  warn: (message: string) => void,
) {
  if (run.resume && existsSync(run.lastDir)) {
    const file = join(run.lastDir, TRAINING_STATE_FILE);
    const state: TrainingState = await loadTrainingState(run.lastDir);
    checkRunIdentity(state.identity, identity, file);
    if (state.epoch > config.training.epochs) {
      throw new TrainerError({
        code: 'resume',
        file,
        message: `training.epochs must be at least the ${state.epoch} epochs already trained, got ${config.training.epochs}`,
      });
    }
    if (state.batchInEpoch >= run.batchesPerEpoch) {
      throw new TrainerError({
        code: 'resume',
        file,
        field: 'batchInEpoch',
        message: `the trainer state's batchInEpoch must be below the ${run.batchesPerEpoch} batches of an epoch, got ${state.batchInEpoch}`,
      });
    }
    const optimizer = await loadOptimizerState(run.lastDir);
    const model = await loadCheckpointModel(run.lastDir);
    if (canonicalJson(model.config.body) !== canonicalJson(modelConfig.body)) {
      model.dispose();
      throw new TrainerError({
        code: 'resume',
        file: join(run.lastDir, 'model.json'),
        message: `the checkpoint's architecture must be the configured one (${canonicalJson(modelConfig.body)}), got ${canonicalJson(model.config.body)}`,
      });
    }
    await truncateMetricsLog(run.runDir, optimizer.state.step);
    return { model, state, optimizer, resumed: true };
  }
  if (run.resume) {
    warn(`${run.lastDir} was never written: the resumed run starts from the beginning`);
    await truncateMetricsLog(run.runDir, 0);
  }
  const model: DenseNet3d =
    config.model.init !== null
      ? await loadCheckpointModel(resolve(config.model.init))
      : createDenseNet3d(modelConfig, { seed: config.training.seed });
  return { model, state: initialTrainingState(), optimizer: null, resumed: false };
}

/** The data a run trains and validates on: labels, headers, then every scan read whole. */
async function runData(
  config: TrainConfig,
  options: { preparer: SamplePreparer; cacheDir: string | null; signal?: AbortSignal; emit: Emit },
) {
  const warn = (message: string) => options.emit({ type: 'warning', message });
  const data = await checkTrainingData(config.data, config.training.seed, warn);
  if (options.cacheDir !== null) await cleanPreprocessCache(options.cacheDir);
  const readable = await readEveryScan([...data.train, ...data.validation], {
    preparer: options.preparer,
    preprocessing: config.preprocessing,
    cacheDir: options.cacheDir,
    skipBad: config.data.skipBad,
    warn,
    signal: options.signal,
    onProgress: (checked, total) => options.emit({ type: 'scan-check', checked, total }),
  });
  const kept = new Set(readable.map((sample) => sample.file));
  const train = data.train.filter((sample) => kept.has(sample.file));
  const validation = data.validation.filter((sample) => kept.has(sample.file));
  const { batchSize, dropLast } = config.training;
  const batchesPerEpoch = dropLast
    ? Math.floor(train.length / batchSize)
    : Math.ceil(train.length / batchSize);
  for (const [split, before, after] of [
    ['training', data.train, train],
    ['validation', data.validation, validation],
  ] as const) {
    if (before.length > 0 && after.length === 0) {
      throw new TrainerError({
        code: 'data',
        file: split === 'training' ? data.sources.trainCsv : (data.sources.valCsv ?? undefined),
        message: `${split} needs at least one readable scan, got 0 of ${before.length} (all skipped as unreadable)`,
      });
    }
  }
  if (batchesPerEpoch === 0) {
    throw new TrainerError({
      code: 'data',
      field: 'training.dropLast',
      message: `an epoch needs at least one batch, got 0: ${train.length} training scans, batch size ${batchSize} and training.dropLast`,
    });
  }
  return { ...data, train, validation, batchesPerEpoch };
}

/**
 * Prepares a run: takes the run folder's lock (a resume first of all, and repairs what a killed
 * run left), checks the data — labels, every scan header, then every scan read whole (which also
 * fills the preprocessing cache) — creates the run folder, builds or restores (and checks) the
 * model and optimiser, and starts the data workers.
 * @throws {TrainerError} `data`, `unreadable-scan`, `resume`, `invalid-config`, `config-io` or
 *   `interrupted`; {@link FileLockError} when another process trains in the run folder.
 */
export async function setUpRun(
  config: TrainConfig,
  options: {
    resume?: string;
    signal?: AbortSignal;
    now: () => Date;
    emit: Emit;
  },
): Promise<RunContext> {
  const processStart = performance.now();
  const { emit, now } = options;
  const warn = (message: string) => emit({ type: 'warning', message });
  const { training } = config;
  const resume = options.resume !== undefined;
  let opened = resume ? await openRunFolder(config, { resume: options.resume, now: now() }) : null;
  const preparer = new SamplePreparer({ workers: training.workers, onWarning: warn });
  let model: DenseNet3d | null = null;
  try {
    const cacheDir = cacheDirFor(config);
    const data = await runData(config, { preparer, cacheDir, signal: options.signal, emit });
    opened ??= await openRunFolder(config, { now: now() });
    const { runDir } = opened;
    const lastDir = join(runDir, 'checkpoints', 'last');
    const modelConfig = modelConfigFor(config, data.spec);
    const identity = runIdentity(config, data.train, data.validation);
    const start = await startingPoint(
      config,
      { runDir, lastDir, resume, batchesPerEpoch: data.batchesPerEpoch },
      modelConfig,
      identity,
      warn,
    );
    model = start.model;
    const { state } = start;
    if (JSON.stringify(model.config.heads) !== JSON.stringify(modelConfig.heads)) {
      throw new TrainerError({
        code: start.resumed ? 'resume' : 'invalid-config',
        file: start.resumed ? lastDir : (config.model.init ?? undefined),
        field: start.resumed ? undefined : 'model.init',
        message: `the checkpoint's heads must match the label specification's tasks (${data.spec.tasks.map((task) => task.name).join(', ')})`,
      });
    }
    await writeRunConfig(runDir, config);
    const variables = trainableWeights(model);
    const optimizer = new AdamOptimizer(variables, {
      type: config.optimizer.type,
      betas: config.optimizer.betas,
      eps: config.optimizer.eps,
      weightDecay: config.optimizer.weightDecay,
    });
    try {
      if (start.optimizer) optimizer.setState(start.optimizer.state);
    } catch (error) {
      optimizer.dispose();
      throw new TrainerError({
        code: 'resume',
        file: lastDir,
        message: `the optimiser state must fit the model: ${(error as Error).message}`,
        cause: error,
      });
    }
    const startElapsed = state.elapsedMs;
    return {
      config,
      runDir,
      lock: opened.lock,
      identity,
      hasCheckpoint: start.resumed,
      lastDir,
      bestDir: join(runDir, 'checkpoints', 'best'),
      model,
      variables,
      optimizer,
      tasks: taskLossesFor(config, data.spec, data.trainClassCounts),
      metricTasks: data.spec.tasks.map((task) => ({
        name: task.name,
        kind: task.kind,
        classes: task.classes.length,
      })),
      trainSamples: data.train,
      validationSamples: data.validation,
      preparer,
      cacheDir,
      state,
      batchesPerEpoch: data.batchesPerEpoch,
      emit,
      onSkip: config.data.skipBad
        ? (sample: DatasetSample, error: Error) =>
            warn(`skipping unreadable scan ${sample.file}: ${error.message}`)
        : undefined,
      signal: options.signal,
      elapsedMs: () => startElapsed + (performance.now() - processStart),
      now,
      checkpointInfo: (epoch) => ({
        labelSpec: data.spec,
        preprocessing: { ...config.preprocessing },
        provenance: {
          trainedBy: '@ct-fracture/trainer',
          runDir,
          epoch,
          backend: tf.getBackend(),
          date: now().toISOString(),
          bestMetric: training.bestMetric,
        },
        packageVersions: { '@ct-fracture/trainer': packageJson.version },
      }),
      stepTiming: { totalMs: 0, steps: 0 },
    };
  } catch (error) {
    model?.dispose();
    await preparer.close();
    await opened?.lock.release();
    throw error;
  }
}
