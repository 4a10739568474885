import { SeededRandom } from '@ct-fracture/core';
import * as tf from '@tensorflow/tfjs-core';
import { TrainerError } from '../errors/trainer-error';
import { clipByGlobalNorm, GradientAccumulator } from '../optim/gradients';
import { BatchLoader } from '../pipeline/batch-loader';
import { peakRssMb } from './peak-rss';
import type { MetricsRecord } from './progress-events';
import { type RunContext, taskRecord } from './run-context';
import { TaskMetricsAccumulator } from './task-metrics';
import { computeGradients } from './train-step';

const SHUFFLE = 0x73687566;
const DROPOUT = 0x64726f70;

/** The order of the training samples in an epoch: a seeded shuffle per (seed, epoch). */
export function epochOrder(count: number, seed: number, epoch: number): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  return new SeededRandom([seed, SHUFFLE, epoch]).shuffle(order);
}

/** What a stopped run keeps: the last checkpoint, when one has been written. */
function keptCheckpoint(run: RunContext): string {
  return run.hasCheckpoint
    ? `training stopped and the last good checkpoint is kept in ${run.lastDir}`
    : 'training stopped before its first checkpoint (nothing was saved)';
}

/**
 * A NaN/∞ loss. Every scan was read whole and checked finite before training (and each prepared
 * sample is checked again), so it is the training that diverged, not a scan: the message says
 * so and lists the batch's scans for reference.
 */
function nonFiniteLoss(
  run: RunContext,
  loss: number,
  where: string,
  sampleIndices: readonly number[],
): TrainerError {
  const files = sampleIndices.map((index) => run.trainSamples[index]!.file);
  return new TrainerError({
    code: 'non-finite-loss',
    value: String(loss),
    message:
      `the loss must stay finite, got ${loss} at ${where}: the weights diverged (every input ` +
      `was checked finite; this batch: ${files.join(', ')}); ${keptCheckpoint(run)} ` +
      '(try a lower optimizer.lr or optimizer.gradientClipNorm)',
  });
}

function applyUpdate(run: RunContext, gradients: GradientAccumulator, lr: number, where: string) {
  let update = gradients.take();
  const clipNorm = run.config.optimizer.gradientClipNorm;
  if (clipNorm !== null) {
    const clipped = clipByGlobalNorm(update, clipNorm);
    tf.dispose([...update.values()]);
    update = clipped.gradients;
    if (!Number.isFinite(clipped.norm)) {
      tf.dispose([...update.values()]);
      throw new TrainerError({
        code: 'non-finite-loss',
        value: String(clipped.norm),
        message: `the gradient norm must stay finite, got ${clipped.norm} at ${where}; ${keptCheckpoint(run)}`,
      });
    }
  }
  run.optimizer.apply(update, lr);
  tf.dispose([...update.values()]);
}

/**
 * Trains one epoch (or the rest of an interrupted one) at learning rate `lr`: batches from the
 * prefetching loader, forward/backward, gradient accumulation and clipping, Adam updates.
 * Stops early — at an optimiser-step boundary — when the run's signal is aborted.
 * @returns the epoch's training record, or null when interrupted (the state then holds the
 *   position and the partial sums).
 * @throws {TrainerError} `non-finite-loss` (nothing is applied from the bad batch).
 */
export async function trainEpoch(run: RunContext, lr: number): Promise<MetricsRecord | null> {
  const { config, state, trainSamples } = run;
  const { training } = config;
  const epoch = state.epoch;
  const startBatch = state.batchInEpoch;
  const loader = new BatchLoader(run.preparer, {
    samples: trainSamples,
    order: epochOrder(trainSamples.length, training.seed, epoch).slice(
      startBatch * training.batchSize,
    ),
    batchSize: training.batchSize,
    dropLast: training.dropLast,
    prefetchBatches: training.prefetchBatches,
    preprocessing: config.preprocessing,
    cacheDir: run.cacheDir,
    augmentation: config.augmentation,
    seedOf: (sampleIndex) => [training.seed, epoch, sampleIndex],
    onSkip: run.onSkip,
  });
  const metrics = new TaskMetricsAccumulator(run.metricTasks);
  if (state.epochMetrics) metrics.restore(state.epochMetrics);
  const timing = state.epochTiming ?? { samples: 0, stepMs: 0, waitMs: 0 };
  const gradients = new GradientAccumulator();
  const accumulation = config.optimizer.accumulationSteps;
  let batchIndex = startBatch;
  try {
    for (;;) {
      const stepStart = performance.now();
      const batch = await loader.next();
      if (batch === null) break;
      const x = tf.tensor5d(batch.data, batch.shape);
      const dropoutSeed = new SeededRandom([training.seed, DROPOUT, state.globalStep]).nextUint32();
      const result = computeGradients(
        run.model,
        run.variables,
        x,
        batch.labels,
        run.tasks,
        dropoutSeed,
      );
      x.dispose();
      const where = `epoch ${epoch + 1} batch ${batchIndex + 1}`;
      if (!Number.isFinite(result.loss)) {
        tf.dispose([...result.gradients.values()]);
        throw nonFiniteLoss(run, result.loss, where, batch.sampleIndices);
      }
      gradients.add(result.gradients);
      metrics.add(result.taskLosses, result.logits, batch.labels, result.loss);
      batchIndex += 1;
      state.globalStep += 1;
      const lastBatch = batchIndex - startBatch === loader.length;
      const boundary = batchIndex % accumulation === 0 || lastBatch;
      if (boundary) applyUpdate(run, gradients, lr, where);
      const stepMs = performance.now() - stepStart;
      timing.samples += batch.shape[0];
      timing.stepMs += stepMs;
      timing.waitMs += batch.waitMs;
      run.stepTiming.totalMs += stepMs;
      run.stepTiming.steps += 1;
      const remaining =
        loader.length -
        (batchIndex - startBatch) +
        (training.epochs - epoch - 1) * run.batchesPerEpoch;
      run.emit({
        type: 'step',
        epoch: epoch + 1,
        epochs: training.epochs,
        batch: batchIndex,
        batches: run.batchesPerEpoch,
        loss: result.loss,
        lr,
        samplesPerSecond: timing.samples / (timing.stepMs / 1000),
        dataWaitShare: timing.waitMs / timing.stepMs,
        peakRssMb: peakRssMb(),
        etaSeconds: ((run.stepTiming.totalMs / run.stepTiming.steps) * remaining) / 1000,
      });
      // Let a Ctrl-C handler run between steps: batches already prefetched resolve without
      // returning to the event loop, so without this the signal waited for the epoch's end.
      await new Promise((resolve) => setImmediate(resolve));
      if (boundary && !lastBatch && run.signal?.aborted) {
        state.batchInEpoch = batchIndex;
        state.epochMetrics = metrics.toJSON();
        state.epochTiming = timing;
        return null;
      }
    }
  } finally {
    gradients.dispose();
  }
  if (timing.samples === 0) {
    throw new TrainerError({
      code: 'data',
      message: `epoch ${epoch + 1} trained on no scan: every scan of the epoch was skipped as unreadable`,
    });
  }
  return {
    epoch: epoch + 1,
    step: run.optimizer.step,
    split: 'train',
    lr,
    loss: metrics.meanTotalLoss(),
    tasks: taskRecord(metrics.summary()),
    samplesPerSecond: timing.stepMs > 0 ? timing.samples / (timing.stepMs / 1000) : 0,
    dataWaitShare: timing.stepMs > 0 ? timing.waitMs / timing.stepMs : 0,
    peakRssMb: peakRssMb(),
    elapsedSeconds: run.elapsedMs() / 1000,
    time: run.now().toISOString(),
  };
}
