import {
  type CheckpointCalibration,
  classifyLogits,
  formatOperatingPointRule,
  type OperatingPointRule,
  parseOperatingPointRule,
  type TaskCalibration,
  type TaskOperatingPoint,
} from '@ct-fracture/densenet3d';
import { EvaluationError } from '../errors/evaluation-error';
import { calibration } from '../metrics/calibration';
import { predictClasses } from '../metrics/predict-classes';
import { chooseOperatingPoint } from './choose-operating-point';
import { checkTaskLogits, rowLogits, type TaskLogits } from './task-logits';
import { fitTemperature, TEMPERATURE_RANGE } from './temperature-scaling';

/** What {@link fitCheckpointCalibration} fits. */
export interface CalibrationRequest {
  /**
   * `'fit'`: a temperature per task; `'keep'`: the previous temperatures as they are; `'none'`:
   * no temperatures (raw probabilities).
   */
  temperature: 'fit' | 'keep' | 'none';
  /** Binary task name → the rule choosing its threshold. */
  operatingPoints: Readonly<Record<string, OperatingPointRule>>;
}

/** The fitted fields for `ct-fracture.json`, and why some task got none. */
export interface CalibrationFitResult {
  calibration: CheckpointCalibration;
  /** One line per task left without a temperature or operating point, saying why. */
  warnings: string[];
}

function requestError(message: string, task: string): EvaluationError {
  return new EvaluationError({ code: 'invalid-input', message, column: task, value: task });
}

function fitTaskTemperature(task: TaskLogits, warnings: string[]): TaskCalibration | undefined {
  const { head, truth } = task;
  const fit = fitTemperature({
    kind: head.kind,
    logits: task.logits,
    truth,
    classCount: head.classes.length,
  });
  if (fit.bound !== null) {
    const [low, high] = TEMPERATURE_RANGE;
    warnings.push(
      fit.bound === 'lower'
        ? `task '${head.task}': not calibrated: no finite temperature fits its ${fit.n} labelled validation scans (the likelihood still rises as T falls below ${low}: the logits classify them all, or nearly all, correctly); more validation data is needed`
        : `task '${head.task}': not calibrated: the logits carry no usable signal on its ${fit.n} labelled validation scans (the likelihood still rises as T grows beyond ${high})`,
    );
    return undefined;
  }
  const k = head.classes.length;
  const labelled: number[] = [];
  for (let i = 0; i < truth.length; i++) if (truth[i]! >= 0) labelled.push(i);
  const labels = Int32Array.from(labelled, (i) => truth[i]!);
  const ece = (temperature: number) => {
    const probabilities = new Float64Array(labelled.length * k);
    labelled.forEach((row, j) => {
      const out = classifyLogits(head, rowLogits(task, row), { temperature, threshold: 0.5 });
      probabilities.set(out.probabilities, j * k);
    });
    const predicted = predictClasses(head.kind, probabilities, k);
    return calibration(probabilities, labels, predicted, k).ece ?? 0;
  };
  return {
    temperature: fit.temperature,
    validation: {
      n: fit.n,
      nllBefore: fit.nllBefore,
      nllAfter: fit.nllAfter,
      eceBefore: ece(1),
      eceAfter: ece(fit.temperature),
    },
  };
}

function chooseTaskOperatingPoint(
  task: TaskLogits,
  rule: OperatingPointRule,
  temperature: number,
  warnings: string[],
): TaskOperatingPoint | undefined {
  const positive: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < task.truth.length; i++) {
    const t = task.truth[i]!;
    if (t < 0) continue;
    positive.push(t === 1 ? 1 : 0);
    const out = classifyLogits(task.head, rowLogits(task, i), { temperature, threshold: 0.5 });
    scores.push(out.probabilities[1]!);
  }
  const text = formatOperatingPointRule(rule);
  try {
    const chosen = chooseOperatingPoint(positive, scores, rule);
    return {
      threshold: chosen.threshold,
      rule: text,
      validation: { n: chosen.n, sensitivity: chosen.sensitivity, specificity: chosen.specificity },
    };
  } catch (error) {
    if (!EvaluationError.isInstance(error)) throw error;
    warnings.push(`task '${task.head.task}': no operating point (${text}): ${error.message}`);
    return undefined;
  }
}

/**
 * Fits a checkpoint's calibration on validation logits: per task a temperature (temperature
 * scaling, {@link fitTemperature}) and, for binary tasks with a rule, an operating point chosen
 * on the calibrated probabilities ({@link chooseOperatingPoint}) — exactly the probabilities
 * `classifyLogits` of `@ct-fracture/densenet3d` gives later, so the threshold reproduces the
 * validation sensitivity and specificity. A previous operating point without a new rule is kept
 * when the temperatures are kept, and re-chosen by its stored rule when they change (its
 * threshold is on the probability scale). A task whose temperature lands on a bound of
 * {@link TEMPERATURE_RANGE}, or whose rule cannot be met, is left out with a warning.
 * @param tasks - every head's validation logits and labels.
 * @param request - what to fit.
 * @param previous - the checkpoint's current calibration (for `'keep'` and re-choosing).
 * @returns the `calibration` / `operatingPoints` fields for `ct-fracture.json` (absent when empty)
 * and the warnings.
 * @throws {@link EvaluationError} `invalid-input` for a rule naming an unknown or multiclass
 * task, or logits that do not match the labels.
 * @example
 * ```ts
 * const { calibration, warnings } = fitCheckpointCalibration(tasks, {
 *   temperature: 'fit',
 *   operatingPoints: { gt_displacement: parseOperatingPointRule('sensitivity:0.95') },
 * });
 * await writeCheckpointCalibration('runs/x/checkpoints/best', calibration);
 * ```
 */
export function fitCheckpointCalibration(
  tasks: readonly TaskLogits[],
  request: CalibrationRequest,
  previous: CheckpointCalibration = {},
): CalibrationFitResult {
  for (const name of Object.keys(request.operatingPoints)) {
    const task = tasks.find((candidate) => candidate.head.task === name);
    if (task === undefined) {
      throw requestError(
        `operating points need one of the tasks ${tasks.map((t) => t.head.task).join(', ')}, got '${name}'`,
        name,
      );
    }
    if (task.head.kind !== 'binary') {
      throw requestError(
        `operating points are for binary tasks; '${name}' is multiclass (it keeps the arg-max)`,
        name,
      );
    }
  }
  const warnings: string[] = [];
  const temperatures: Record<string, TaskCalibration> = {};
  const points: Record<string, TaskOperatingPoint> = {};
  for (const task of tasks) {
    checkTaskLogits(task);
    const name = task.head.task;
    let fitted: TaskCalibration | undefined;
    if (request.temperature === 'fit') fitted = fitTaskTemperature(task, warnings);
    else if (request.temperature === 'keep') fitted = previous.calibration?.[name];
    if (fitted !== undefined) temperatures[name] = fitted;
    const old = previous.operatingPoints?.[name];
    let rule = request.operatingPoints[name];
    if (rule === undefined && old !== undefined) {
      if (request.temperature === 'keep') {
        points[name] = old;
        continue;
      }
      rule = parseOperatingPointRule(old.rule);
    }
    if (rule === undefined || task.head.kind !== 'binary') continue;
    const point = chooseTaskOperatingPoint(task, rule, fitted?.temperature ?? 1, warnings);
    if (point !== undefined) points[name] = point;
  }
  const calibrationFields: CheckpointCalibration = {};
  if (Object.keys(temperatures).length > 0) calibrationFields.calibration = temperatures;
  if (Object.keys(points).length > 0) calibrationFields.operatingPoints = points;
  return { calibration: calibrationFields, warnings };
}
