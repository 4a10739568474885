import {
  type CheckpointMetadata,
  type DenseNet3d,
  predictedClass,
  probabilitiesFromLogits,
} from '@ct-fracture/densenet3d';
import {
  readNifti,
  readNiftiPreprocessed,
  reorientToRas,
  resampleToSpacing,
  resizeVolume,
  type Volume,
  windowIntensity,
} from '@ct-fracture/nifti-io';
import * as tf from '@tensorflow/tfjs-core';

/** One task's prediction (DESIGN.md `predict --json`), plus the raw logits. */
export interface TaskPrediction {
  pred: string;
  probs: Record<string, number>;
  logits: number[];
}

/** Reads a scan and applies the checkpoint's preprocessing (window, reorient, respacing, resize). */
export async function modelInput(
  file: string,
  preprocessing: CheckpointMetadata['preprocessing'],
): Promise<Volume> {
  if (preprocessing.spacingMm === null) {
    const { volume } = await readNiftiPreprocessed(file, {
      windowHu: preprocessing.windowHu,
      outputRange: preprocessing.outputRange,
      reorientToRas: preprocessing.reorientToRas,
      shape: preprocessing.size,
      mode: preprocessing.resizeMode,
    });
    return volume;
  }
  let { volume } = await readNifti(file);
  if (preprocessing.reorientToRas) volume = reorientToRas(volume);
  volume = resampleToSpacing(volume, { spacingMm: preprocessing.spacingMm, mode: 'trilinear' });
  volume = windowIntensity(volume, {
    windowHu: preprocessing.windowHu,
    outputRange: preprocessing.outputRange,
  });
  return resizeVolume(volume, { shape: preprocessing.size, mode: preprocessing.resizeMode });
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
    const probabilities = probabilitiesFromLogits(head, values);
    result[head.task] = {
      pred: head.classes[predictedClass(probabilities)]!,
      probs: Object.fromEntries(
        head.classes.map((name, classIndex) => [name, probabilities[classIndex]!]),
      ),
      logits: values,
    };
  });
  tf.dispose([x, ...logits]);
  return result;
}
