import { appendFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createDenseNet3d, type DenseNet3d } from '@ct-fracture/densenet3d';
import type { CheckpointInfo } from '@ct-fracture/densenet3d/node';
import * as tf from '@tensorflow/tfjs-core';
import packageJson from '../../package.json';
import { SeededRandom } from '../augment/random';
import { resolveFolder } from '../checkpoint/checkpoint-folder';
import { loadOptimizerState } from '../checkpoint/optimizer-io';
import { loadCheckpointModel, saveTrainingCheckpoint } from '../checkpoint/training-checkpoint';
import type { TrainConfig } from '../config/config-schema';
import { TrainerError } from '../errors/trainer-error';
import { AdamOptimizer } from '../optim/adam';
import { clipByGlobalNorm, GradientAccumulator } from '../optim/gradients';
import { learningRateAt, scheduleFromConfig } from '../optim/lr-schedule';
import { BatchLoader, type DatasetSample } from '../pipeline/batch-loader';
import { SamplePreparer } from '../pipeline/sample-preparer';
import { registerAllGradients } from '../tfjs/register-gradients';
import { improves, metricValue } from './best-metric';
import { trainableWeights } from './model-like';
import type { MetricsRecord, TrainProgressEvent, TrainStopReason } from './progress-events';
import { createRunFolder, writeRunConfig } from './run-folder';
import { cacheDirFor, modelConfigFor, taskLossesFor } from './run-setup';
import { TaskMetricsAccumulator } from './task-metrics';
import { computeGradients } from './train-step';
import { checkScanHeaders, loadTrainingData } from './training-data';
import { initialTrainingState, loadTrainingState, type TrainingState } from './training-state';
import { validateModel } from './validate-model';

/** Options of {@link train}. */
export interface TrainOptions {
  /** Receives progress (start, steps, epoch summaries, validations, warnings, end). */
  onProgress?: (event: TrainProgressEvent) => void;
  /** Abort → the current step finishes, `checkpoints/last` is written, `train` returns. */
  signal?: AbortSignal;
  /** Continue the run in this folder from its `checkpoints/last` (exactly where it stopped). */
  resume?: string;
  /** The clock (tests). */
  now?: () => Date;
}

/** What a finished (or stopped) run produced. */
export interface TrainResult {
  /** The run folder: config.json, metrics.jsonl, checkpoints/last, checkpoints/best. */
  runDir: string;
  reason: TrainStopReason;
  /** Epochs fully trained. */
  epochsCompleted: number;
  /** The best validation value of `training.bestMetric` and its epoch (1-based). */
  best: { metric: string; value: number; epoch: number } | null;
  /** The last epoch's training summary. */
  lastTrain: MetricsRecord | null;
  /** The last validation. */
  lastValidation: MetricsRecord | null;
  /** Checkpoint folders (`best` is null when no validation ran). */
  checkpoints: { last: string; best: string | null };
}

const SHUFFLE = 0x73687566;
const DROPOUT = 0x64726f70;

/** The order of the training samples in an epoch: a seeded shuffle per (seed, epoch). */
export function epochOrder(count: number, seed: number, epoch: number): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  return new SeededRandom([seed, SHUFFLE, epoch]).shuffle(order);
}

function headsSignature(model: { config: { heads: readonly unknown[] } }): string {
  return JSON.stringify(model.config.heads);
}

function taskRecord(tasks: ReturnType<TaskMetricsAccumulator['summary']>): MetricsRecord['tasks'] {
  const result: MetricsRecord['tasks'] = {};
  for (const [name, task] of Object.entries(tasks)) {
    result[name] = {
      loss: task.loss,
      accuracy: task.accuracy,
      balancedAccuracy: task.balancedAccuracy,
      count: task.count,
      confusion: task.confusion,
    };
  }
  return result;
}

async function appendRecord(runDir: string, record: MetricsRecord): Promise<void> {
  await appendFile(join(runDir, 'metrics.jsonl'), `${JSON.stringify(record)}\n`);
}

/**
 * Trains a 3D DenseNet as configured: the original recipe by default (DenseNet121, 128³, batch 4,
 * Adam 5e-4 with warm-up + cosine, focal loss, validation every 5 epochs, best by validation
 * loss). Writes the run folder — `config.json`, `metrics.jsonl`, `checkpoints/last` (every epoch
 * and on interruption, with optimiser moments and loop state for exact resume) and
 * `checkpoints/best` — and returns where it is with the final metrics.
 *
 * The TensorFlow.js backend is the caller's choice (`tf.setBackend` before calling).
 * @throws {TrainerError} `data`/`unreadable-scan` for bad data (all label problems at once, via
 * LabelError), `non-finite-loss` when the loss is NaN/∞ (the last good checkpoint is kept),
 * `resume` when a run cannot be resumed.
 * @example
 * const config = parseTrainConfig({ data: { dir: 'data/demo' }, training: { epochs: 10 } });
 * const result = await train(config, { onProgress: progressReporter(process.stderr) });
 * console.log(result.runDir, result.lastValidation?.loss);
 */
export async function train(config: TrainConfig, options: TrainOptions = {}): Promise<TrainResult> {
  await registerAllGradients();
  const emit = options.onProgress ?? (() => undefined);
  const warn = (message: string) => emit({ type: 'warning', message });
  const now = options.now ?? (() => new Date());
  const processStart = performance.now();
  const { training } = config;
  const seed = training.seed;

  const data = loadTrainingData(config.data, seed);
  for (const message of data.warnings) warn(message);
  const trainSamples = await checkScanHeaders(data.train, config.data.skipBad, warn);
  const validationSamples = await checkScanHeaders(data.validation, config.data.skipBad, warn);
  if (trainSamples.length === 0) {
    throw new TrainerError({ code: 'data', message: 'no readable training scan is left' });
  }

  let runDir: string;
  if (options.resume === undefined) {
    runDir = await createRunFolder(config, now());
  } else {
    runDir = resolve(options.resume);
    await writeRunConfig(runDir, config);
  }
  const lastDir = join(runDir, 'checkpoints', 'last');
  const bestDir = join(runDir, 'checkpoints', 'best');
  const modelConfig = modelConfigFor(config, data.spec);
  let state: TrainingState = initialTrainingState();
  let model: DenseNet3d;
  let restoredOptimizer: Awaited<ReturnType<typeof loadOptimizerState>> | null = null;
  if (options.resume !== undefined) {
    const from = await resolveFolder(lastDir);
    if (from === null) {
      throw new TrainerError({
        code: 'resume',
        file: lastDir,
        message: 'a run to resume must have checkpoints/last',
      });
    }
    state = await loadTrainingState(from);
    restoredOptimizer = await loadOptimizerState(from);
    model = await loadCheckpointModel(from);
  } else if (config.model.init !== null) {
    model = await loadCheckpointModel(resolve(config.model.init));
  } else {
    model = createDenseNet3d(modelConfig, { seed });
  }
  if (headsSignature(model) !== JSON.stringify(modelConfig.heads)) {
    const source = options.resume ?? config.model.init ?? '';
    model.dispose();
    throw new TrainerError({
      code: options.resume !== undefined ? 'resume' : 'invalid-config',
      file: source,
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
  if (restoredOptimizer) optimizer.setState(restoredOptimizer.state);
  const tasks = taskLossesFor(config, data.spec, data.trainClassCounts);
  const metricTasks = data.spec.tasks.map((task) => ({
    name: task.name,
    kind: task.kind,
    classes: task.classes.length,
  }));
  const cacheDir = cacheDirFor(config);
  const preparer = new SamplePreparer({ workers: training.workers });
  const schedule = scheduleFromConfig(config);
  const batchesPerEpoch = training.dropLast
    ? Math.floor(trainSamples.length / training.batchSize)
    : Math.ceil(trainSamples.length / training.batchSize);
  const accumulation = config.optimizer.accumulationSteps;
  const onSkip = (sample: DatasetSample, error: Error) =>
    warn(`skipping unreadable scan ${sample.file}: ${error.message}`);
  const info = (epoch: number): CheckpointInfo => ({
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
  });
  const saveLast = async (reason: TrainingState['reason']) => {
    state.reason = reason;
    state.elapsedMs = elapsedMs();
    await saveTrainingCheckpoint(lastDir, {
      model,
      info: info(state.epoch),
      optimizer: { options: optimizer.options, state: await optimizer.getState() },
      state,
    });
    emit({ type: 'checkpoint', kind: 'last', dir: lastDir });
  };
  const startElapsed = state.elapsedMs;
  const elapsedMs = () => startElapsed + (performance.now() - processStart);

  emit({
    type: 'start',
    runDir,
    trainSamples: trainSamples.length,
    validationSamples: validationSamples.length,
    epochs: training.epochs,
    batchesPerEpoch,
    dataThreads: preparer.threads,
    resumedFromEpoch: options.resume === undefined ? null : state.epoch,
  });

  let reason: TrainStopReason = 'completed';
  let lastTrain: MetricsRecord | null = null;
  let lastValidation: MetricsRecord | null = null;
  let stepTimeSum = 0;
  let stepsTimed = 0;
  try {
    while (state.epoch < training.epochs) {
      const epoch = state.epoch;
      const lr = learningRateAt(schedule, epoch);
      const startBatch = state.batchInEpoch;
      const order = epochOrder(trainSamples.length, seed, epoch);
      const loader = new BatchLoader(preparer, {
        samples: trainSamples,
        order: order.slice(startBatch * training.batchSize),
        batchSize: training.batchSize,
        dropLast: training.dropLast,
        prefetchBatches: training.prefetchBatches,
        preprocessing: config.preprocessing,
        cacheDir,
        augmentation: config.augmentation,
        seedOf: (sampleIndex) => [seed, epoch, sampleIndex],
        onSkip: config.data.skipBad ? onSkip : undefined,
      });
      const metrics = new TaskMetricsAccumulator(metricTasks);
      if (state.epochMetrics) metrics.restore(state.epochMetrics);
      const timing = state.epochTiming ?? { samples: 0, stepMs: 0, waitMs: 0 };
      const gradients = new GradientAccumulator();
      let batchIndex = startBatch;
      let interrupted = false;
      try {
        for (;;) {
          const stepStart = performance.now();
          const batch = await loader.next();
          if (batch === null) break;
          const x = tf.tensor5d(batch.data, batch.shape);
          const dropoutSeed = new SeededRandom([seed, DROPOUT, state.globalStep]).nextUint32();
          const result = computeGradients(model, variables, x, batch.labels, tasks, dropoutSeed);
          x.dispose();
          if (!Number.isFinite(result.loss)) {
            tf.dispose([...result.gradients.values()]);
            const ids = batch.sampleIndices.map((index) => trainSamples[index]!.id).join(', ');
            throw new TrainerError({
              code: 'non-finite-loss',
              value: String(result.loss),
              message:
                `the loss must stay finite, got ${result.loss} at epoch ${epoch + 1} batch ${batchIndex + 1} ` +
                `(scans ${ids}); training stopped and the last good checkpoint is kept in ${lastDir} ` +
                '(try a lower optimizer.lr or optimizer.gradientClipNorm)',
            });
          }
          gradients.add(result.gradients);
          metrics.add(result.taskLosses, result.logits, batch.labels, result.loss);
          batchIndex += 1;
          state.globalStep += 1;
          const lastBatch = batchIndex - startBatch === loader.length;
          const boundary = batchIndex % accumulation === 0 || lastBatch;
          if (boundary) {
            let update = gradients.take();
            if (config.optimizer.gradientClipNorm !== null) {
              const clipped = clipByGlobalNorm(update, config.optimizer.gradientClipNorm);
              tf.dispose([...update.values()]);
              update = clipped.gradients;
              if (!Number.isFinite(clipped.norm)) {
                tf.dispose([...update.values()]);
                throw new TrainerError({
                  code: 'non-finite-loss',
                  value: String(clipped.norm),
                  message: `the gradient norm must stay finite, got ${clipped.norm} at epoch ${epoch + 1} batch ${batchIndex}; the last good checkpoint is kept in ${lastDir}`,
                });
              }
            }
            optimizer.apply(update, lr);
            tf.dispose([...update.values()]);
          }
          const stepMs = performance.now() - stepStart;
          timing.samples += batch.shape[0];
          timing.stepMs += stepMs;
          timing.waitMs += batch.waitMs;
          stepTimeSum += stepMs;
          stepsTimed += 1;
          const remaining =
            loader.length -
            (batchIndex - startBatch) +
            (training.epochs - epoch - 1) * batchesPerEpoch;
          emit({
            type: 'step',
            epoch: epoch + 1,
            epochs: training.epochs,
            batch: batchIndex,
            batches: batchesPerEpoch,
            loss: result.loss,
            lr,
            samplesPerSecond: timing.samples / (timing.stepMs / 1000),
            dataWaitShare: timing.waitMs / timing.stepMs,
            etaSeconds: ((stepTimeSum / stepsTimed) * remaining) / 1000,
          });
          if (boundary && options.signal?.aborted && !lastBatch) {
            interrupted = true;
            break;
          }
        }
      } finally {
        gradients.dispose();
      }
      if (interrupted) {
        state.batchInEpoch = batchIndex;
        state.epochMetrics = metrics.toJSON();
        state.epochTiming = timing;
        await saveLast('interrupted');
        reason = 'interrupted';
        break;
      }
      lastTrain = {
        epoch: epoch + 1,
        step: optimizer.step,
        split: 'train',
        lr,
        loss: metrics.meanTotalLoss(),
        tasks: taskRecord(metrics.summary()),
        samplesPerSecond: timing.stepMs > 0 ? timing.samples / (timing.stepMs / 1000) : 0,
        dataWaitShare: timing.stepMs > 0 ? timing.waitMs / timing.stepMs : 0,
        elapsedSeconds: elapsedMs() / 1000,
        time: now().toISOString(),
      };
      await appendRecord(runDir, lastTrain);
      emit({ type: 'epoch', record: lastTrain });
      state.epoch = epoch + 1;
      state.batchInEpoch = 0;
      state.epochMetrics = null;
      state.epochTiming = null;

      let stopEarly = false;
      const validateNow =
        validationSamples.length > 0 &&
        ((epoch + 1) % training.validateEvery === 0 || epoch + 1 === training.epochs);
      if (validateNow) {
        const result = await validateModel(model, preparer, validationSamples, {
          tasks,
          metricTasks,
          batchSize: training.batchSize,
          prefetchBatches: training.prefetchBatches,
          preprocessing: config.preprocessing,
          cacheDir,
          onSkip: config.data.skipBad ? onSkip : undefined,
        });
        const value = metricValue(training.bestMetric, result.loss, result.tasks);
        const minDelta = training.earlyStopping?.minDelta ?? 0;
        const isBest = improves(training.bestMetric, value, state.best?.value ?? null);
        const improved = improves(training.bestMetric, value, state.best?.value ?? null, minDelta);
        state.validationsWithoutImprovement = improved
          ? 0
          : state.validationsWithoutImprovement + 1;
        if (isBest) {
          state.best = { metric: training.bestMetric, value, epoch: epoch + 1 };
          await saveTrainingCheckpoint(bestDir, { model, info: info(epoch + 1) });
          emit({ type: 'checkpoint', kind: 'best', dir: bestDir });
        }
        lastValidation = {
          epoch: epoch + 1,
          step: optimizer.step,
          split: 'validation',
          lr,
          loss: result.loss,
          tasks: taskRecord(result.tasks),
          samplesPerSecond: result.seconds > 0 ? result.samples / result.seconds : 0,
          dataWaitShare: 0,
          best: isBest,
          elapsedSeconds: elapsedMs() / 1000,
          time: now().toISOString(),
        };
        await appendRecord(runDir, lastValidation);
        emit({ type: 'validation', record: lastValidation });
        const patience = training.earlyStopping?.patience;
        stopEarly = patience !== undefined && state.validationsWithoutImprovement >= patience;
      }
      const finished = state.epoch >= training.epochs;
      await saveLast(stopEarly ? 'early-stopping' : finished ? 'final' : 'epoch');
      if (stopEarly) {
        reason = 'early-stopping';
        break;
      }
      if (!finished && options.signal?.aborted) {
        reason = 'interrupted';
        break;
      }
    }
  } finally {
    await preparer.close();
    optimizer.dispose();
    model.dispose();
  }
  emit({ type: 'end', reason, runDir });
  return {
    runDir,
    reason,
    epochsCompleted: state.epoch,
    best: state.best,
    lastTrain,
    lastValidation,
    checkpoints: { last: lastDir, best: state.best === null ? null : bestDir },
  };
}
