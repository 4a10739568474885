import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainConfig } from '../config/config-schema';
import { learningRateAt, scheduleFromConfig } from '../optim/lr-schedule';
import type { DatasetSample } from '../pipeline/batch-loader';
import { registerAllGradients } from '../tfjs/register-gradients';
import { peakRssMb } from './peak-rss';
import type { MetricsRecord, TrainProgressEvent, TrainStopReason } from './progress-events';
import { saveLast } from './run-context';
import { setUpRun } from './setup-run';
import { trainEpoch } from './train-epoch';
import { validateEpoch } from './validate-epoch';

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
  /** The validation scans (readable, with labels in task order): what a report evaluates. */
  validationSamples: DatasetSample[];
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
 * @throws {TrainerError} `data`/`unreadable-scan` for bad data (label problems as LabelError, all
 * at once), `non-finite-loss` when the loss is NaN/∞ (the last good checkpoint is kept), `resume`
 * when a run cannot be resumed.
 * @example
 * const config = parseTrainConfig({ data: { dir: 'data/demo' }, training: { epochs: 10 } });
 * const result = await train(config, { onProgress: progressReporter(process.stderr) });
 * console.log(result.runDir, result.lastValidation?.loss);
 */
export async function train(config: TrainConfig, options: TrainOptions = {}): Promise<TrainResult> {
  await registerAllGradients();
  const emit = options.onProgress ?? (() => undefined);
  const run = await setUpRun(config, {
    resume: options.resume,
    signal: options.signal,
    now: options.now ?? (() => new Date()),
    emit,
  });
  const { state } = run;
  const { training } = config;
  emit({
    type: 'start',
    runDir: run.runDir,
    trainSamples: run.trainSamples.length,
    validationSamples: run.validationSamples.length,
    epochs: training.epochs,
    batchesPerEpoch: run.batchesPerEpoch,
    dataThreads: run.preparer.threads,
    resumedFromEpoch: options.resume === undefined ? null : state.epoch,
  });
  const schedule = scheduleFromConfig(config);
  let reason: TrainStopReason = 'completed';
  let lastTrain: MetricsRecord | null = null;
  let lastValidation: MetricsRecord | null = null;
  try {
    while (state.epoch < training.epochs) {
      const lr = learningRateAt(schedule, state.epoch);
      const record = await trainEpoch(run, lr);
      if (record === null) {
        await saveLast(run, 'interrupted');
        reason = 'interrupted';
        break;
      }
      lastTrain = record;
      await appendRecord(run.runDir, record);
      emit({ type: 'epoch', record });
      state.epoch += 1;
      state.batchInEpoch = 0;
      state.epochMetrics = null;
      state.epochTiming = null;
      let stopEarly = false;
      const finished = state.epoch >= training.epochs;
      if (
        run.validationSamples.length > 0 &&
        (state.epoch % training.validateEvery === 0 || finished)
      ) {
        const validation = await validateEpoch(run, lr);
        lastValidation = validation.record;
        stopEarly = validation.stopEarly;
        await appendRecord(run.runDir, validation.record);
        emit({ type: 'validation', record: validation.record });
      }
      await saveLast(run, stopEarly ? 'early-stopping' : finished ? 'final' : 'epoch');
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
    await run.preparer.close();
    run.optimizer.dispose();
    run.model.dispose();
  }
  emit({ type: 'end', reason, runDir: run.runDir, peakRssMb: peakRssMb() });
  return {
    runDir: run.runDir,
    reason,
    epochsCompleted: state.epoch,
    best: state.best,
    lastTrain,
    lastValidation,
    checkpoints: { last: run.lastDir, best: state.best === null ? null : run.bestDir },
    validationSamples: [...run.validationSamples],
  };
}
