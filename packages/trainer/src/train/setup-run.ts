import { join, resolve } from 'node:path';
import { createDenseNet3d, type DenseNet3d } from '@ct-fracture/densenet3d';
import * as tf from '@tensorflow/tfjs-core';
import packageJson from '../../package.json';
import { resolveFolder } from '../checkpoint/checkpoint-folder';
import { loadOptimizerState } from '../checkpoint/optimizer-io';
import { loadCheckpointModel } from '../checkpoint/training-checkpoint';
import type { TrainConfig } from '../config/config-schema';
import { TrainerError } from '../errors/trainer-error';
import { AdamOptimizer } from '../optim/adam';
import type { DatasetSample } from '../pipeline/batch-loader';
import { SamplePreparer } from '../pipeline/sample-preparer';
import { trainableWeights } from './model-like';
import type { TrainProgressEvent } from './progress-events';
import type { RunContext } from './run-context';
import { createRunFolder, writeRunConfig } from './run-folder';
import { cacheDirFor, modelConfigFor, taskLossesFor } from './run-setup';
import { checkTrainingData } from './training-data';
import { initialTrainingState, loadTrainingState, type TrainingState } from './training-state';

/** The model (and, when resuming, loop and optimiser state) a run starts from. */
async function startingPoint(
  config: TrainConfig,
  lastDir: string,
  resume: string | undefined,
  modelConfig: ReturnType<typeof modelConfigFor>,
) {
  if (resume !== undefined) {
    const from = await resolveFolder(lastDir);
    if (from === null) {
      throw new TrainerError({
        code: 'resume',
        file: lastDir,
        message: 'a run to resume must have checkpoints/last',
      });
    }
    const state: TrainingState = await loadTrainingState(from);
    const optimizer = await loadOptimizerState(from);
    return { model: await loadCheckpointModel(from), state, optimizer };
  }
  const model: DenseNet3d =
    config.model.init !== null
      ? await loadCheckpointModel(resolve(config.model.init))
      : createDenseNet3d(modelConfig, { seed: config.training.seed });
  return { model, state: initialTrainingState(), optimizer: null };
}

/**
 * Prepares a run: reads and checks the data (every scan header), creates or reopens the run
 * folder, builds or restores the model and optimiser, starts the data workers.
 * @throws {TrainerError} `data`, `unreadable-scan`, `resume` or `invalid-config`.
 */
export async function setUpRun(
  config: TrainConfig,
  options: {
    resume?: string;
    signal?: AbortSignal;
    now: () => Date;
    emit: (event: TrainProgressEvent) => void;
  },
): Promise<RunContext> {
  const processStart = performance.now();
  const { emit, now } = options;
  const warn = (message: string) => emit({ type: 'warning', message });
  const { training } = config;
  const data = await checkTrainingData(config.data, training.seed, warn);
  const trainSamples = data.train;
  const validationSamples = data.validation;
  let runDir: string;
  if (options.resume === undefined) {
    runDir = await createRunFolder(config, now());
  } else {
    runDir = resolve(options.resume);
    await writeRunConfig(runDir, config);
  }
  const lastDir = join(runDir, 'checkpoints', 'last');
  const modelConfig = modelConfigFor(config, data.spec);
  const start = await startingPoint(config, lastDir, options.resume, modelConfig);
  const { model, state } = start;
  if (JSON.stringify(model.config.heads) !== JSON.stringify(modelConfig.heads)) {
    model.dispose();
    throw new TrainerError({
      code: options.resume !== undefined ? 'resume' : 'invalid-config',
      file: options.resume ?? config.model.init ?? undefined,
      field: options.resume !== undefined ? undefined : 'model.init',
      message: `the checkpoint's heads must match the label specification's tasks (${data.spec.tasks.map((task) => task.name).join(', ')})`,
    });
  }
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
    model.dispose();
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
    trainSamples,
    validationSamples,
    preparer: new SamplePreparer({ workers: training.workers }),
    cacheDir: cacheDirFor(config),
    state,
    batchesPerEpoch: training.dropLast
      ? Math.floor(trainSamples.length / training.batchSize)
      : Math.ceil(trainSamples.length / training.batchSize),
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
}
