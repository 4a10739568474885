import type { TrainConfig } from '../config/config-schema';
import { learningRateAt, scheduleFromConfig } from '../optim/lr-schedule';
import type { DatasetSample } from '../pipeline/batch-loader';
import { registerAllGradients } from '../tfjs/register-gradients';
import { appendMetricsRecord } from './metrics-log';
import { peakRssMb } from './peak-rss';
import type { MetricsRecord, TrainProgressEvent, TrainStopReason } from './progress-events';
import { type RunContext, saveLast } from './run-context';
import { setUpRun } from './setup-run';
import { trainEpoch } from './train-epoch';
import { validateEpoch } from './validate-epoch';

/** Options of {@link train}. */
export interface TrainOptions {
  /** Receives progress (start, steps, epoch summaries, validations, warnings, end). */
  onProgress?: (event: TrainProgressEvent) => void;
  /**
   * Abort → the current step (a training or validation batch) finishes, `checkpoints/last` is
   * written and `train` returns with reason `interrupted`; during the data check before training,
   * `train` throws a TrainerError `interrupted`.
   */
  signal?: AbortSignal;
  /** Continue the run in this folder from its `checkpoints/last` (exactly where it stopped). */
  resume?: string;
  /** The clock (tests). */
  now?: () => Date;
  /**
   * Runs after training, while the run folder is still locked (e.g. the final report written
   * into it), unless the run was interrupted.
   */
  finish?: (result: TrainResult) => Promise<void>;
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

/**
 * Validates after epoch `run.state.epoch` (its learning rate `lr`), appends the record and writes
 * `checkpoints/last`. @returns the validation, or null when interrupted during the pass
 * (`checkpoints/last` then says the validation is pending, and a resume runs it first).
 */
async function validateAndSave(run: RunContext, lr: number, finished: boolean) {
  const validation = await validateEpoch(run, lr);
  if (validation === null) {
    await saveLast(run, 'interrupted');
    return null;
  }
  await appendMetricsRecord(run.runDir, validation.record);
  run.emit({ type: 'validation', record: validation.record });
  run.state.validationPending = false;
  await saveLast(run, validation.stopEarly ? 'early-stopping' : finished ? 'final' : 'epoch');
  return validation;
}

/**
 * Trains a 3D DenseNet as configured: the original recipe by default (DenseNet121, 128³, batch 4,
 * Adam 5e-4 with warm-up + cosine, focal loss, validation every 5 epochs, best by validation
 * loss). Before training, the data is checked: labels, headers, and every scan read whole once
 * (filling the preprocessing cache). Writes the run folder under its exclusive lock —
 * `config.json`, `metrics.jsonl` (append-only, one record per epoch and validation),
 * `checkpoints/last` (every epoch and on interruption, with optimiser moments and loop state for
 * exact resume) and `checkpoints/best`, each published crash-safely — and returns where it is
 * with the final metrics. A resume repairs what a killed run left (the newest complete checkpoint
 * copies, no temporaries, metrics cut back to the checkpoint) and checks the checkpoint continues
 * this run (state, architecture, configuration, scans).
 *
 * The TensorFlow.js backend is the caller's choice (`tf.setBackend` before calling).
 * @throws {TrainerError} `data`/`unreadable-scan` for bad data (label problems as LabelError, all
 * at once), `non-finite-loss` when the loss is NaN/∞ (the last good checkpoint is kept), `resume`
 * when a run cannot be resumed, `interrupted` when aborted before training began, `config-io`
 * when the run folder cannot be written; FileLockError (`@ct-fracture/core`) `locked` while
 * another process trains in the run folder.
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
  let result: TrainResult;
  try {
    try {
      // A run that stopped early is over: its resume (after a crash while writing the report, say)
      // ends as the uninterrupted run did, without training further.
      if (state.reason === 'early-stopping') reason = 'early-stopping';
      while (reason !== 'early-stopping') {
        if (state.validationPending) {
          // An epoch trained, its validation due (after a resume: interrupted during it).
          const finished = state.epoch >= training.epochs;
          const validation = await validateAndSave(
            run,
            learningRateAt(schedule, state.epoch - 1),
            finished,
          );
          if (validation === null) {
            reason = 'interrupted';
            break;
          }
          lastValidation = validation.record;
          if (validation.stopEarly) {
            reason = 'early-stopping';
            break;
          }
          if (!finished && options.signal?.aborted) {
            reason = 'interrupted';
            break;
          }
        }
        if (state.epoch >= training.epochs) break;
        const lr = learningRateAt(schedule, state.epoch);
        const record = await trainEpoch(run, lr);
        if (record === null) {
          await saveLast(run, 'interrupted');
          reason = 'interrupted';
          break;
        }
        lastTrain = record;
        await appendMetricsRecord(run.runDir, record);
        emit({ type: 'epoch', record });
        state.epoch += 1;
        state.batchInEpoch = 0;
        state.epochMetrics = null;
        state.epochTiming = null;
        const finished = state.epoch >= training.epochs;
        state.validationPending =
          run.validationSamples.length > 0 &&
          (state.epoch % training.validateEvery === 0 || finished);
        if (state.validationPending) continue;
        await saveLast(run, finished ? 'final' : 'epoch');
        if (!finished && options.signal?.aborted) {
          reason = 'interrupted';
          break;
        }
      }
      result = resultOf(run, reason, lastTrain, lastValidation);
    } finally {
      // Freed before `finish`: it may load checkpoints, whose variables take the same names.
      await run.preparer.close();
      run.optimizer.dispose();
      run.model.dispose();
    }
    emit({ type: 'end', reason, runDir: run.runDir, peakRssMb: peakRssMb() });
    if (reason !== 'interrupted') await options.finish?.(result);
    return result;
  } finally {
    await run.lock.release();
  }
}

function resultOf(
  run: RunContext,
  reason: TrainStopReason,
  lastTrain: MetricsRecord | null,
  lastValidation: MetricsRecord | null,
): TrainResult {
  return {
    runDir: run.runDir,
    reason,
    epochsCompleted: run.state.epoch,
    best: run.state.best,
    lastTrain,
    lastValidation,
    checkpoints: { last: run.lastDir, best: run.state.best === null ? null : run.bestDir },
    validationSamples: [...run.validationSamples],
  };
}
