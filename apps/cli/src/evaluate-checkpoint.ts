import { join } from 'node:path';
import type { CheckpointMetadata, DenseNet3d } from '@ct-fracture/densenet3d';
import {
  type EvaluationOutput,
  type EvaluationTask,
  type ExtraFigure,
  explainScan,
  gradCamReportFigures,
  type PredictionTable,
  writeEvaluation,
} from '@ct-fracture/eval';
import { type DatasetSample, PreprocessCache, preprocessedScan } from '@ct-fracture/trainer';
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
}

/** What {@link evaluateCheckpoint} wrote. */
export interface CheckpointEvaluation extends EvaluationOutput {
  out: string;
  reportPath: string;
  seconds: number;
}

/** The evaluation tasks of a checkpoint: its label specification, in head order. */
function evaluationTasks(model: DenseNet3d, metadata: CheckpointMetadata): EvaluationTask[] {
  return model.config.heads.map((head) => {
    const task = metadata.labelSpec.tasks.find((candidate) => candidate.name === head.task);
    return {
      name: head.task,
      kind: head.classes.length === 2 && task?.kind !== 'multiclass' ? 'binary' : 'multiclass',
      classes: [...head.classes],
      ordinal: task?.ordinal ?? false,
    };
  });
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
 * Predicts every labelled scan with a checkpoint (its own preprocessing), then writes the
 * evaluation folder with `@ct-fracture/eval` — metrics.json, predictions.csv, plots and a
 * self-contained report.html — optionally with Grad-CAM figures of `explain` scans per task.
 * Every tensor is disposed; the model stays the caller's.
 */
export async function evaluateCheckpoint(
  options: EvaluateCheckpointOptions,
): Promise<CheckpointEvaluation> {
  const started = performance.now();
  const { model, metadata, samples } = options;
  const log = options.log ?? (() => undefined);
  const tasks = evaluationTasks(model, metadata);
  const probabilities = tasks.map(() => [] as number[]);
  let lastLog = 0;
  const cache = options.cacheDir ? new PreprocessCache(options.cacheDir) : null;
  for (const [index, sample] of samples.entries()) {
    const { volume } = await preprocessedScan(sample.file, metadata.preprocessing, cache);
    const prediction = predictVolume(model, volume);
    tasks.forEach((task, t) => {
      for (const name of task.classes) probabilities[t]!.push(prediction[task.name]!.probs[name]!);
    });
    const now = performance.now();
    if (now - lastLog > 2000 || index === samples.length - 1) {
      lastLog = now;
      log(`predicting ${index + 1}/${samples.length} scans`);
    }
  }
  const table: PredictionTable = {
    patientIds: samples.map((sample) => sample.id),
    tasks: tasks.map((task, t) => ({
      task,
      truth: samples.map((sample) => sample.labels[t] ?? -1),
      probabilities: probabilities[t]!,
    })),
  };
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
          scan: samples[row]!.file,
          scanName: samples[row]!.id,
          task: task.name,
          className: task.classes[classIndex],
          layer: options.explainLayer,
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
    title: options.title,
  });
  return {
    ...output,
    out: options.out,
    reportPath: join(options.out, 'report.html'),
    seconds: (performance.now() - started) / 1000,
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
