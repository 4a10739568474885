import type { PreprocessOptions } from '@ct-fracture/nifti-io';
import * as tf from '@tensorflow/tfjs-core';
import { TrainerError } from '../errors/trainer-error';
import type { WeightedTaskLoss } from '../loss/multi-task-loss';
import { BatchLoader, type DatasetSample } from '../pipeline/batch-loader';
import type { SamplePreparer } from '../pipeline/sample-preparer';
import type { TrainableModel } from './model-like';
import { type EpochTaskMetrics, TaskMetricsAccumulator } from './task-metrics';
import { evaluateBatch } from './train-step';

/** The result of a validation pass. */
export interface ValidationResult {
  /** Σ task weight × mean task loss over labelled rows. */
  loss: number;
  tasks: Record<string, EpochTaskMetrics>;
  samples: number;
  seconds: number;
}

/**
 * Runs the model in inference mode (running statistics, no augmentation) over samples and
 * measures loss and per-task accuracy / balanced accuracy.
 * @returns the result, or null when `signal` was aborted (between batches).
 * @throws {TrainerError} `data` when every scan was skipped as unreadable.
 */
export async function validateModel(
  model: TrainableModel,
  preparer: SamplePreparer,
  samples: readonly DatasetSample[],
  options: {
    tasks: readonly WeightedTaskLoss[];
    /** Name, kind and number of classes of each task (task order). */
    metricTasks: readonly { name: string; kind: 'binary' | 'multiclass'; classes: number }[];
    batchSize: number;
    prefetchBatches: number;
    preprocessing: PreprocessOptions;
    cacheDir: string | null;
    onSkip?: (sample: DatasetSample, error: Error) => void;
    /** Abort → stops between batches and returns null. */
    signal?: AbortSignal;
  },
): Promise<ValidationResult | null> {
  const started = performance.now();
  const metrics = new TaskMetricsAccumulator(options.metricTasks);
  const loader = new BatchLoader(preparer, {
    samples,
    order: samples.map((_, index) => index),
    batchSize: options.batchSize,
    dropLast: false,
    prefetchBatches: options.prefetchBatches,
    preprocessing: options.preprocessing,
    cacheDir: options.cacheDir,
    augmentation: null,
    seedOf: () => [0],
    onSkip: options.onSkip,
  });
  let count = 0;
  for (let batch = await loader.next(); batch; batch = await loader.next()) {
    const x = tf.tensor5d(batch.data, batch.shape);
    const result = evaluateBatch(model, x, batch.labels, options.tasks);
    x.dispose();
    metrics.add(result.taskLosses, result.logits, batch.labels, result.loss);
    count += batch.shape[0];
    await new Promise((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) return null;
  }
  if (count === 0) {
    throw new TrainerError({
      code: 'data',
      message: `validation ran on no scan: all ${samples.length} validation scans were skipped as unreadable`,
    });
  }
  const tasks = metrics.summary();
  const loss = options.tasks.reduce((sum, task) => sum + task.weight * tasks[task.name]!.loss, 0);
  return { loss, tasks, samples: count, seconds: (performance.now() - started) / 1000 };
}
