import { predictedClass, probabilitiesFromLogits } from '@ct-fracture/core';
import type { DenseNet3d } from '@ct-fracture/densenet3d';
import type { Volume } from '@ct-fracture/nifti-io';
import * as tf from '@tensorflow/tfjs-core';

/** One task's prediction (DESIGN.md `predict --json`), plus the raw logits. */
export interface TaskPrediction {
  pred: string;
  probs: Record<string, number>;
  logits: number[];
}

/** Classifies one preprocessed volume: per task the predicted class, probabilities and logits. */
export function predictVolume(
  model: DenseNet3d,
  volume: Pick<Volume, 'data' | 'shape'>,
): Record<string, TaskPrediction> {
  const [d, h, w] = volume.shape;
  const x = tf.tensor5d(volume.data, [1, d, h, w, 1]);
  const { logits } = model.forward(x);
  const result: Record<string, TaskPrediction> = {};
  model.config.heads.forEach((head, index) => {
    const values = Array.from(logits[index]!.dataSync());
    const probabilities = probabilitiesFromLogits(head.kind, values);
    result[head.task] = {
      pred: head.classes[predictedClass(head.kind, probabilities)]!,
      probs: Object.fromEntries(
        head.classes.map((name, classIndex) => [name, probabilities[classIndex]!]),
      ),
      logits: values,
    };
  });
  tf.dispose([x, ...logits]);
  return result;
}
