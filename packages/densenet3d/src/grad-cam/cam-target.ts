import * as tf from '@tensorflow/tfjs-core';
import { DenseNetError } from '../errors/densenet-error';
import type { HeadConfig } from '../model/config';

/** Which head and class a Grad-CAM explains (see {@link camScore}). */
export interface CamTarget {
  headIndex: number;
  head: HeadConfig;
  /** Class index in the task's order. */
  classIndex: number;
}

/**
 * Finds the head of `task` and, when given, the class (by name or index).
 * @throws DenseNetError `invalid-input` for an unknown task or class, or both class forms.
 */
export function resolveCamTarget(
  heads: readonly HeadConfig[],
  task: string,
  className: string | undefined,
  classIndex: number | undefined,
): { headIndex: number; head: HeadConfig; classIndex: number | undefined } {
  const headIndex = heads.findIndex((head) => head.task === task);
  if (headIndex < 0) {
    throw new DenseNetError({
      code: 'invalid-input',
      message: `task must be one of ${heads.map((head) => head.task).join(', ')}, got '${task}'`,
      value: task,
    });
  }
  const head = heads[headIndex]!;
  if (className !== undefined && classIndex !== undefined) {
    throw new DenseNetError({
      code: 'invalid-input',
      message: `give className or classIndex, not both (got '${className}' and ${classIndex})`,
      value: className,
    });
  }
  if (className !== undefined) {
    const index = head.classes.indexOf(className);
    if (index < 0) {
      throw new DenseNetError({
        code: 'invalid-input',
        message: `class of task '${task}' must be one of ${head.classes.join(', ')}, got '${className}'`,
        value: className,
      });
    }
    return { headIndex, head, classIndex: index };
  }
  if (
    classIndex !== undefined &&
    !(Number.isInteger(classIndex) && classIndex >= 0 && classIndex < head.classes.length)
  ) {
    throw new DenseNetError({
      code: 'invalid-input',
      message: `classIndex of task '${task}' must be an integer in [0, ${head.classes.length - 1}], got ${classIndex}`,
      value: String(classIndex),
    });
  }
  return { headIndex, head, classIndex };
}

/**
 * The scalar Grad-CAM differentiates for one sample's head logits `[1, outputs]`: a
 * multiclass head's logit of the class (before softmax, as pytorch-grad-cam's
 * `ClassifierOutputTarget`); a binary head's single logit for the positive (second) class and
 * its negation for the negative class (sigmoid(−z) = 1 − sigmoid(z)).
 * @example
 * const score = camScore(logits[0]!, { headIndex: 0, head, classIndex: 1 });
 */
export function camScore(logits: tf.Tensor2D, target: CamTarget): tf.Scalar {
  return tf.tidy(() => {
    if (target.head.kind === 'binary') {
      const logit = tf.sum(logits) as tf.Scalar;
      return target.classIndex === 1 ? logit : (tf.neg(logit) as tf.Scalar);
    }
    return tf.sum(tf.slice(logits, [0, target.classIndex], [1, 1])) as tf.Scalar;
  });
}
