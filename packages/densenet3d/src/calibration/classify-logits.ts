import { DEFAULT_THRESHOLD, predictedClass, probabilitiesFromLogits } from '@ct-fracture/core';
import type { HeadConfig } from '../model/config';
import type { CheckpointCalibration } from './calibration-metadata';

/** How one task's logits become a decision: its temperature and (binary) threshold. */
export interface TaskDecision {
  /** Logits are divided by it first (1: uncalibrated). */
  temperature: number;
  /** Binary tasks: positive when the calibrated `p(positive) >= threshold` (default 0.5). */
  threshold: number;
}

/** No calibration, the original project's rule: threshold 0.5 / arg-max. */
export const DEFAULT_DECISION: Readonly<TaskDecision> = {
  temperature: 1,
  threshold: DEFAULT_THRESHOLD,
};

/** One task's output for one input. */
export interface ClassifiedLogits {
  /** Class probabilities after temperature scaling (= `uncalibrated` at temperature 1). */
  probabilities: number[];
  /** Class probabilities of the raw logits (softmax, or `[1 − σ(z), σ(z)]` for binary). */
  uncalibrated: number[];
  /** The predicted class: binary `probabilities[1] >= threshold`, else the first arg-max. */
  classIndex: number;
}

/**
 * A task's decision as a checkpoint's `ct-fracture.json` gives it: its temperature (1 when the
 * task is not calibrated) and its operating point's threshold (0.5 when it has none).
 * @param metadata - the checkpoint's metadata (its optional `calibration` / `operatingPoints`).
 * @example
 * const decision = taskDecision(metadata, 'gt_displacement'); // { temperature: 0.61, threshold: 0.27 }
 */
export function taskDecision(metadata: CheckpointCalibration, task: string): TaskDecision {
  return {
    temperature: metadata.calibration?.[task]?.temperature ?? DEFAULT_DECISION.temperature,
    threshold: metadata.operatingPoints?.[task]?.threshold ?? DEFAULT_DECISION.threshold,
  };
}

/**
 * Applies a task's calibration and operating point to one input's logits — the one place
 * predict, validate, explain and the viewer turn logits into probabilities and a class.
 * Probabilities are the softmax (multiclass) or sigmoid (binary, one logit) of `logits /
 * temperature`; a binary task predicts its positive class when that probability is `>=
 * threshold` (so ties with the threshold are positive, as scikit-learn's `roc_curve`), a
 * multiclass task the first class of highest probability. Temperature scaling never changes the
 * arg-max, and a threshold on the calibrated probability is a threshold on the logit, so the
 * decision does not depend on which probabilities are shown.
 * @param head - the task's head (kind and classes).
 * @param logits - `[1]` (binary) or `[classes]`.
 * @param decision - temperature and threshold (default {@link DEFAULT_DECISION}).
 * @example
 * classifyLogits({ task: 'varus', kind: 'binary', classes: ['no', 'yes'] }, [-0.4], { temperature: 0.5, threshold: 0.3 });
 * // { probabilities: [0.69, 0.31], uncalibrated: [0.60, 0.40], classIndex: 1 }
 */
export function classifyLogits(
  head: HeadConfig,
  logits: ArrayLike<number>,
  decision: TaskDecision = DEFAULT_DECISION,
): ClassifiedLogits {
  const uncalibrated = probabilitiesFromLogits(head.kind, logits);
  const { temperature, threshold } = decision;
  const probabilities =
    temperature === 1
      ? uncalibrated
      : probabilitiesFromLogits(
          head.kind,
          Array.from(logits, (z) => z / temperature),
        );
  // The one predicted-class rule (core), at the task's threshold.
  const classIndex = predictedClass(head.kind, probabilities, { threshold });
  return { probabilities, uncalibrated, classIndex };
}
