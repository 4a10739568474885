import type { CheckpointCalibration } from '@ct-fracture/densenet3d';
import type { EvaluationOutput } from '../write-evaluation';

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
