import { join } from 'node:path';
import type {
  CheckpointCalibration,
  CheckpointMetadata,
  DenseNet3d,
} from '@ct-fracture/densenet3d';
import { writeCheckpointCalibration } from '@ct-fracture/densenet3d/node';
import {
  type CalibrationRequest,
  type EvaluationOutput,
  type ExtraFigure,
  explainScan,
  fitCheckpointCalibration,
  gradCamReportFigures,
  type LogitsTable,
  type PredictionTable,
  predictionTableFromLogits,
  writeEvaluation,
} from '@ct-fracture/eval';
import {
  type DatasetSample,
  PreprocessCache,
  preprocessedScan,
  readScan,
} from '@ct-fracture/trainer';
import { predictVolume } from './inference';

/** What {@link evaluateCheckpoint} evaluates and where it writes. */
export interface EvaluateCheckpointOptions {
  model: DenseNet3d;
  metadata: CheckpointMetadata;
  /** Labelled scans, labels in the checkpoint's task order (−1 = missing). */
  samples: readonly DatasetSample[];
  /** Output folder (metrics.json, predictions.csv, plots/, report.html). */
  out: string;
  /** The run's metrics.jsonl text, for training curves. */
  history?: string;
  /** Shown in the report (run or checkpoint configuration). */
  config?: unknown;
  /** Dataset facts for the report. */
  dataset?: Record<string, unknown>;
  /** Grad-CAM of this many scans per task into the report (0: none). */
  explain?: number;
  /** Grad-CAM layer (default: the model's default, the last dense block). */
  explainLayer?: string;
  title?: string;
  /**
   * The trainer's preprocessing cache folder: scans a run has already preprocessed with the
   * same parameters are read from it instead of being decoded again (null: no cache).
   */
  cacheDir?: string | null;
  /** Progress lines (stderr). */
  log?: (line: string) => void;
  /**
   * Fit calibration and operating points on these scans first and write them into the
   * checkpoint folder `checkpoint` (its ct-fracture.json); the evaluation then applies them.
   */
  fit?: { checkpoint: string; request: CalibrationRequest };
  /** Report temperature-scaled probabilities (default true); false: the raw ones. */
  calibrated?: boolean;
}

/** What {@link evaluateCheckpoint} wrote. */
export interface CheckpointEvaluation extends EvaluationOutput {
  out: string;
  reportPath: string;
  seconds: number;
  /** The checkpoint's metadata as applied (with what `fit` wrote). */
  metadata: CheckpointMetadata;
  /** Tasks `fit` left without a temperature or operating point, and why. */
  calibrationWarnings: string[];
}

/** What {@link predictLogits} needs: the model, its metadata and the labelled scans. */
export type PredictLogitsOptions = Pick<
  EvaluateCheckpointOptions,
  'model' | 'metadata' | 'samples' | 'cacheDir' | 'log'
>;

/**
 * Runs the checkpoint on every labelled scan (its own preprocessing, the preprocessing cache
 * when given): the raw logits of every head with the labels, in head order.
 */
export async function predictLogits(options: PredictLogitsOptions): Promise<LogitsTable> {
  const { model, metadata, samples } = options;
  const log = options.log ?? (() => undefined);
  const heads = model.config.heads;
  const logits = heads.map(() => [] as number[]);
  let lastLog = 0;
  const cache = options.cacheDir ? new PreprocessCache(options.cacheDir) : null;
  for (const [index, sample] of samples.entries()) {
    const { volume } = await preprocessedScan(sample.file, metadata.preprocessing, cache);
    const prediction = predictVolume(model, volume);
    for (const [t, head] of heads.entries()) logits[t]!.push(...prediction[head.task]!.logits);
    const now = performance.now();
    if (now - lastLog > 2000 || index === samples.length - 1) {
      lastLog = now;
      log(`predicting ${index + 1}/${samples.length} scans`);
    }
  }
  return {
    patientIds: samples.map((sample) => sample.id),
    tasks: heads.map((head, t) => ({
      head,
      logits: logits[t]!,
      truth: samples.map((sample) => sample.labels[t] ?? -1),
      ordinal: metadata.labelSpec.tasks.find((task) => task.name === head.task)?.ordinal ?? false,
    })),
  };
}

/**
 * Fits calibration and operating points on validation logits and writes them into a
 * checkpoint's ct-fracture.json (weights untouched); returns the updated metadata and the
 * tasks left out, with why.
 */
export async function calibrateCheckpoint(
  checkpoint: string,
  metadata: CheckpointMetadata,
  logits: LogitsTable,
  request: CalibrationRequest,
): Promise<{ metadata: CheckpointMetadata; warnings: string[] }> {
  const { calibration, warnings } = fitCheckpointCalibration(logits.tasks, request, metadata);
  return { metadata: await writeCheckpointCalibration(checkpoint, calibration), warnings };
}

/**
 * The scans to explain for one task: the `count` scans most confidently predicted as one of
 * the task's finding classes (every class but the first, e.g. `yes`, `2-part`), each with
 * that class.
 */
function explanationTargets(
  table: PredictionTable,
  taskIndex: number,
  count: number,
): { row: number; classIndex: number }[] {
  const task = table.tasks[taskIndex]!;
  const classes = task.task.classes.length;
  const candidates = table.patientIds.map((_, row) => {
    let best = 1;
    for (let k = 2; k < classes; k += 1) {
      if (task.probabilities[row * classes + k]! > task.probabilities[row * classes + best]!) {
        best = k;
      }
    }
    return { row, classIndex: best, p: task.probabilities[row * classes + best]! };
  });
  candidates.sort((a, b) => b.p - a.p || a.row - b.row);
  return candidates.slice(0, count).map(({ row, classIndex }) => ({ row, classIndex }));
}

/**
 * Predicts every labelled scan with a checkpoint (its own preprocessing), optionally fits and
 * writes its calibration on them (`fit`), applies the checkpoint's calibration and operating
 * points, then writes the evaluation folder with `@ct-fracture/eval` — metrics.json,
 * predictions.csv, plots and a self-contained report.html — optionally with Grad-CAM figures of
 * `explain` scans per task. Every tensor is disposed; the model stays the caller's.
 */
export async function evaluateCheckpoint(
  options: EvaluateCheckpointOptions,
): Promise<CheckpointEvaluation> {
  const started = performance.now();
  const { model, samples } = options;
  let { metadata } = options;
  const log = options.log ?? (() => undefined);
  const logits = await predictLogits(options);
  const notes: string[] = [];
  let calibrationWarnings: string[] = [];
  if (options.fit !== undefined) {
    ({ metadata, warnings: calibrationWarnings } = await calibrateCheckpoint(
      options.fit.checkpoint,
      metadata,
      logits,
      options.fit.request,
    ));
    log(`calibration written into ${join(options.fit.checkpoint, 'ct-fracture.json')}`);
    for (const warning of calibrationWarnings) log(`warning: ${warning}`);
    notes.push(
      'Calibration and operating points were fitted on these scans: the ECE after scaling and the operating points’ values on these scans are in-sample.',
      ...calibrationWarnings,
    );
  }
  const table: PredictionTable = predictionTableFromLogits(logits, metadata, {
    calibrated: options.calibrated ?? true,
  });
  const tasks = table.tasks.map((task) => task.task);
  const extraFigures: ExtraFigure[] = [];
  const explain = Math.min(options.explain ?? 0, samples.length);
  if (explain > 0) {
    await import('@ct-fracture/densenet3d/register-gradients');
    for (const [t, task] of tasks.entries()) {
      for (const { row, classIndex } of explanationTargets(table, t, explain)) {
        log(`Grad-CAM: ${task.name} = ${task.classes[classIndex]} on ${samples[row]!.id}`);
        const explained = await explainScan({
          model,
          metadata,
          scan: (await readScan(samples[row]!.file)).volume,
          scanName: samples[row]!.id,
          task: task.name,
          className: task.classes[classIndex],
          layer: options.explainLayer,
          calibrated: options.calibrated,
        });
        extraFigures.push(...gradCamReportFigures([explained]));
      }
    }
  }
  const output = await writeEvaluation(options.out, {
    predictions: table,
    history: options.history,
    config: options.config,
    dataset: options.dataset,
    extraFigures,
    notes,
    title: options.title,
  });
  return {
    ...output,
    out: options.out,
    reportPath: join(options.out, 'report.html'),
    seconds: (performance.now() - started) / 1000,
    metadata,
    calibrationWarnings,
  };
}

/** One line per task: balanced accuracy and macro AUC (what the demo and validate print). */
export function headlineMetrics(evaluation: Pick<EvaluationOutput, 'metrics'>): string[] {
  const format = (value: number | null | undefined) =>
    value === null || value === undefined ? 'n/a' : value.toFixed(3);
  return Object.entries(evaluation.metrics.tasks).map(
    ([name, task]) =>
      `${name.padEnd(18)} balanced accuracy ${format(task.balanced_accuracy)}  macro AUC ${format(task.macro_auc)}  accuracy ${format(task.accuracy)}  (n=${task.n})`,
  );
}

/**
 * A checkpoint's calibration in words, one line per temperature and operating point (what
 * train and validate print); empty without any.
 * @param applied - whether the temperatures were applied (false with `--no-calibration`).
 */
export function calibrationLines(metadata: CheckpointCalibration, applied = true): string[] {
  const lines: string[] = [];
  for (const [task, fitted] of Object.entries(metadata.calibration ?? {})) {
    const { n, nllBefore, nllAfter, eceBefore, eceAfter } = fitted.validation;
    lines.push(
      `${task.padEnd(18)} temperature ${fitted.temperature.toFixed(3)}${applied ? '' : ' (not applied)'}: validation NLL ${nllBefore.toFixed(3)} → ${nllAfter.toFixed(3)}, ECE ${eceBefore.toFixed(3)} → ${eceAfter.toFixed(3)} (n=${n})`,
    );
  }
  for (const [task, point] of Object.entries(metadata.operatingPoints ?? {})) {
    const { n, sensitivity, specificity } = point.validation;
    lines.push(
      `${task.padEnd(18)} operating point ${point.rule}: positive when p ≥ ${point.threshold.toPrecision(4)}; validation sensitivity ${sensitivity.toFixed(3)}, specificity ${specificity.toFixed(3)} (n=${n})`,
    );
  }
  return lines;
}
