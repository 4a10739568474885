import type * as tf from '@tensorflow/tfjs-core';

/**
 * What the trainer needs of a model: `@ct-fracture/densenet3d`'s `DenseNet3d` fits structurally.
 * Weights are keyed by name (MONAI state_dict keys); `forward` returns one logits tensor per task.
 */
export interface TrainableModel {
  readonly weights: ReadonlyMap<string, tf.Variable>;
  forward(
    x: tf.Tensor,
    options?: { training?: boolean; dropoutSeed?: number },
  ): { logits: tf.Tensor2D[]; captured: Map<string, tf.Tensor> };
  dispose(): void;
}

/** The trainable variables of a model, by name. */
export function trainableWeights(model: TrainableModel): Map<string, tf.Variable> {
  return new Map([...model.weights].filter(([, variable]) => variable.trainable));
}
