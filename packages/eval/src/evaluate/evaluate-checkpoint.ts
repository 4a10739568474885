import { join } from 'node:path';
import type { CheckpointMetadata, DenseNet3d } from '@ct-fracture/densenet3d';
import { predictVolume } from '@ct-fracture/densenet3d';
import { writeCheckpointCalibration } from '@ct-fracture/densenet3d/node';
import type { PreprocessOptions, Volume } from '@ct-fracture/nifti-io';
import {
  type CalibrationRequest,
  fitCheckpointCalibration,
} from '../calibration/fit-checkpoint-calibration';
import {
  type LogitsTable,
  predictionTableFromLogits,
} from '../calibration/prediction-table-from-logits';
import { explainScan } from '../explain/explain-scan';
import { gradCamReportFigures } from '../explain/grad-cam-figures';
import type { ExtraFigure } from '../report/report-html';
import type { PredictionTable } from '../task-predictions';
import { type EvaluationOutput, writeEvaluation } from '../write-evaluation';

/** One labelled scan to evaluate. */
export interface LabelledScan {
  /** A stable id (the patient id): the predictions.csv row. */
  id: string;
  /** The scan: a NIfTI file or a DICOM series folder, as the {@link ScanReader} reads it. */
  file: string;
  /** Class index per task, in the checkpoint's task order; −1 = missing. */
  labels: readonly number[];
}

/**
 * How the evaluation reads scans. `@ct-fracture/trainer`'s `scanReader(cacheDir)` is the one the
 * CLI uses (the trainer's preprocessing cache, NIfTI and DICOM); tests pass volumes from memory.
 */
export interface ScanReader {
  /** The model's input: the scan preprocessed with `preprocessing` (the checkpoint's). */
  modelInput(
    file: string,
    preprocessing: PreprocessOptions,
  ): Promise<Pick<Volume, 'data' | 'shape'>>;
  /** The scan as stored (Grad-CAM figures are drawn over it in its own space). */
  original(file: string): Promise<Volume>;
}

/** What {@link evaluateCheckpoint} evaluates and where it writes. */
export interface EvaluateCheckpointOptions {
  model: DenseNet3d;
  metadata: CheckpointMetadata;
  /** Labelled scans, labels in the checkpoint's task order (−1 = missing). */
  samples: readonly LabelledScan[];
  /** Reads the scans (see {@link ScanReader}). */
  scans: ScanReader;
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
  'model' | 'metadata' | 'samples' | 'scans' | 'log'
>;

/**
 * Runs the checkpoint on every labelled scan (its own preprocessing, read through `scans`): the
 * raw logits of every head with the labels, in head order.
 */
export async function predictLogits(options: PredictLogitsOptions): Promise<LogitsTable> {
  const { model, metadata, samples } = options;
  const log = options.log ?? (() => undefined);
  const heads = model.config.heads;
  const logits = heads.map(() => [] as number[]);
  let lastLog = 0;
  for (const [index, sample] of samples.entries()) {
    const volume = await options.scans.modelInput(sample.file, metadata.preprocessing);
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
          scan: await options.scans.original(samples[row]!.file),
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
