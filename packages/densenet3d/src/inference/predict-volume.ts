import type { Volume } from '@ct-fracture/nifti-io';
import * as tf from '@tensorflow/tfjs-core';
import type { CheckpointCalibration } from '../calibration/calibration-metadata';
import { classifyLogits, taskDecision } from '../calibration/classify-logits';
import type { DenseNet3d } from '../model/dense-net-3d';

/** One task's prediction (DESIGN.md `predict --json`), plus the raw logits. */
export interface TaskPrediction {
  pred: string;
  probs: Record<string, number>;
  logits: number[];
}

/** How {@link predictVolume} turns logits into predictions. */
export interface PredictVolumeOptions {
  /** The checkpoint's calibration and operating points (`{}` or absent: none). */
  calibration?: CheckpointCalibration;
  /**
   * Report temperature-scaled probabilities (default true); `false` reports the raw ones. The
   * predicted class is the operating point's either way.
   */
  calibrated?: boolean;
}

/**
 * Classifies one preprocessed volume (the model's input: `preprocessVolume` with the
 * checkpoint's `preprocessing`): per task the predicted class, probabilities and logits, through
 * {@link classifyLogits} (the checkpoint's temperature and operating point, if any). Every
 * tensor it makes is disposed; the model stays the caller's.
 * @example
 * const tasks = predictVolume(model, volume, { calibration: metadata });
 * console.log(tasks.gt_displacement?.pred, tasks.gt_displacement?.probs);
 */
export function predictVolume(
  model: DenseNet3d,
  volume: Pick<Volume, 'data' | 'shape'>,
  options: PredictVolumeOptions = {},
): Record<string, TaskPrediction> {
  const [d, h, w] = volume.shape;
  const x = tf.tensor5d(volume.data, [1, d, h, w, 1]);
  const { logits } = model.forward(x);
  const result: Record<string, TaskPrediction> = {};
  model.config.heads.forEach((head, index) => {
    const values = Array.from(logits[index]!.dataSync());
    const out = classifyLogits(head, values, taskDecision(options.calibration ?? {}, head.task));
    const probabilities = (options.calibrated ?? true) ? out.probabilities : out.uncalibrated;
    result[head.task] = {
      pred: head.classes[out.classIndex]!,
      probs: Object.fromEntries(
        head.classes.map((name, classIndex) => [name, probabilities[classIndex]!]),
      ),
      logits: values,
    };
  });
  tf.dispose([x, ...logits]);
  return result;
}
