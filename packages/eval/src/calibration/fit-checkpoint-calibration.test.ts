import { probabilitiesFromLogits } from '@ct-fracture/core';
import { classifyLogits, type HeadConfig, parseOperatingPointRule } from '@ct-fracture/densenet3d';
import { describe, expect, it } from 'vitest';
import { EvaluationError } from '../errors/evaluation-error';
import { predictClasses } from '../metrics/predict-classes';
import { computeTaskMetrics } from '../metrics/task-metrics';
import { chooseOperatingPoint } from './choose-operating-point';
import { fitCheckpointCalibration } from './fit-checkpoint-calibration';
import { predictionTableFromLogits } from './prediction-table-from-logits';
import type { TaskLogits } from './task-logits';
import { fitTemperature } from './temperature-scaling';

const VARUS: HeadConfig = { task: 'varus', kind: 'binary', classes: ['no', 'yes'] };
const PARTS: HeadConfig = {
  task: 'parts',
  kind: 'multiclass',
  classes: ['1-part', '2-part', 'multipart'],
};

/** A fixed pseudo-random stream (Park–Miller), so the cases are reproducible. */
function stream(seed: number) {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

/** Under-confident logits (a flat model, like a focal-loss one) with some labels missing. */
function validationLogits(rows = 80): TaskLogits[] {
  const next = stream(7);
  const binaryTruth: number[] = [];
  const binaryLogits: number[] = [];
  const partsTruth: number[] = [];
  const partsLogits: number[] = [];
  for (let i = 0; i < rows; i++) {
    const y = next() < 0.4 ? 1 : 0;
    binaryTruth.push(i % 11 === 0 ? -1 : y);
    binaryLogits.push(0.3 * ((y === 1 ? 1 : -1) + (next() - 0.5) * 4));
    const c = Math.floor(next() * 3);
    partsTruth.push(c);
    for (let k = 0; k < 3; k++) partsLogits.push(0.4 * ((k === c ? 1.5 : 0) + (next() - 0.5) * 3));
  }
  return [
    { head: VARUS, logits: binaryLogits, truth: binaryTruth },
    { head: PARTS, logits: partsLogits, truth: partsTruth },
  ];
}

const youden = parseOperatingPointRule('youden');

describe('fitCheckpointCalibration', () => {
  it('fits each temperature by fitTemperature and lowers the validation ECE', () => {
    const tasks = validationLogits();
    const { calibration, warnings } = fitCheckpointCalibration(tasks, {
      temperature: 'fit',
      operatingPoints: {},
    });
    expect(warnings).toEqual([]);
    expect(calibration.operatingPoints).toBeUndefined();
    for (const task of tasks) {
      const fitted = calibration.calibration![task.head.task]!;
      const reference = fitTemperature({
        kind: task.head.kind,
        logits: task.logits,
        truth: task.truth,
        classCount: task.head.classes.length,
      });
      expect(fitted.temperature).toBe(reference.temperature);
      expect(fitted.temperature).toBeLessThan(1); // the flat model is sharpened
      expect(fitted.validation.n).toBe(reference.n);
      expect(fitted.validation.eceAfter).toBeLessThan(fitted.validation.eceBefore);
    }
  });

  it('chooses the threshold on the calibrated probabilities classifyLogits gives', () => {
    const tasks = validationLogits();
    const { calibration } = fitCheckpointCalibration(tasks, {
      temperature: 'fit',
      operatingPoints: { varus: parseOperatingPointRule('sensitivity:0.9') },
    });
    const temperature = calibration.calibration!.varus!.temperature;
    const varus = tasks[0]!;
    const labelled = Array.from(varus.truth).flatMap((t, i) => (t < 0 ? [] : [i]));
    const scores = labelled.map(
      (i) =>
        classifyLogits(VARUS, [varus.logits[i]!], { temperature, threshold: 0.5 })
          .probabilities[1]!,
    );
    const expected = chooseOperatingPoint(
      labelled.map((i) => varus.truth[i]!),
      scores,
      { kind: 'sensitivity', value: 0.9 },
    );
    expect(calibration.operatingPoints).toEqual({
      varus: {
        threshold: expected.threshold,
        rule: 'sensitivity:0.9',
        validation: {
          n: expected.n,
          sensitivity: expected.sensitivity,
          specificity: expected.specificity,
        },
      },
    });
    // Applied to the same scans, the checkpoint's decisions reproduce the validation values.
    const patientIds = Array.from(varus.truth, (_, i) => `p${i}`);
    const table = predictionTableFromLogits({ patientIds, tasks }, calibration);
    const metrics = computeTaskMetrics(table.tasks[0]!, { skipBootstrap: true });
    expect(metrics.per_class.yes!.sensitivity).toBe(expected.sensitivity);
    expect(metrics.per_class.yes!.specificity).toBe(expected.specificity);
    expect(metrics.chosen_operating_point).toMatchObject({
      rule: 'sensitivity:0.9',
      threshold: expected.threshold,
      sensitivity: expected.sensitivity,
    });
  });

  it('keeps previous fields with "keep", re-chooses an operating point when the temperature changes', () => {
    const tasks = validationLogits();
    const first = fitCheckpointCalibration(tasks, {
      temperature: 'none',
      operatingPoints: { varus: youden },
    }).calibration;
    expect(first.calibration).toBeUndefined();
    const kept = fitCheckpointCalibration(
      tasks.map((t) => ({ ...t, truth: Array.from(t.truth, () => 0) })), // other data: unused
      { temperature: 'keep', operatingPoints: {} },
      first,
    ).calibration;
    expect(kept).toEqual(first);
    const refit = fitCheckpointCalibration(
      tasks,
      { temperature: 'fit', operatingPoints: {} },
      first,
    ).calibration;
    expect(refit.operatingPoints!.varus!.rule).toBe('youden');
    // The same decision on a new probability scale: same sensitivity and specificity.
    expect(refit.operatingPoints!.varus!.validation).toEqual(
      first.operatingPoints!.varus!.validation,
    );
    expect(refit.operatingPoints!.varus!.threshold).not.toBe(
      first.operatingPoints!.varus!.threshold,
    );
  });

  it('leaves a perfectly separated task uncalibrated with a warning', () => {
    const tasks: TaskLogits[] = [{ head: VARUS, logits: [-2, -1, 1, 2], truth: [0, 0, 1, 1] }];
    const { calibration, warnings } = fitCheckpointCalibration(tasks, {
      temperature: 'fit',
      operatingPoints: { varus: parseOperatingPointRule('specificity:1') },
    });
    expect(calibration.calibration).toBeUndefined();
    expect(calibration.operatingPoints!.varus!.threshold).toBe(
      probabilitiesFromLogits('binary', [1])[1],
    );
    expect(warnings).toEqual([
      "task 'varus': not calibrated: no finite temperature fits its 4 labelled validation scans (the likelihood still rises as T falls below 0.01: the logits classify them all, or nearly all, correctly); more validation data is needed",
    ]);
  });

  it('warns when a rule cannot be met and stores no operating point', () => {
    const tasks: TaskLogits[] = [{ head: VARUS, logits: [1, 1, 0, -1], truth: [0, 1, 1, 0] }];
    const { calibration, warnings } = fitCheckpointCalibration(tasks, {
      temperature: 'none',
      operatingPoints: { varus: parseOperatingPointRule('specificity:1') },
    });
    expect(calibration).toEqual({});
    expect(warnings[0]).toMatch(
      /^task 'varus': no operating point \(specificity:1\): no threshold reaches specificity:1/,
    );
  });

  it.each([
    ['shaft', /operating points need one of the tasks varus, parts, got 'shaft'/],
    ['parts', /operating points are for binary tasks; 'parts' is multiclass/],
  ])('rejects a rule for %s', (task, message) => {
    let error: unknown;
    try {
      fitCheckpointCalibration(validationLogits(), {
        temperature: 'fit',
        operatingPoints: { [task]: youden },
      });
    } catch (caught) {
      error = caught;
    }
    expect(EvaluationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});

describe('predictionTableFromLogits', () => {
  it('without calibration gives the raw probabilities and the 0.5 / arg-max rule', () => {
    const tasks = validationLogits(30);
    const patientIds = Array.from(tasks[0]!.truth, (_, i) => `p${i}`);
    const table = predictionTableFromLogits({ patientIds, tasks }, {});
    tasks.forEach((task, t) => {
      const k = task.head.classes.length;
      const perRow = task.head.kind === 'binary' ? 1 : k;
      const expected = Array.from({ length: task.truth.length }, (_, i) =>
        probabilitiesFromLogits(
          task.head.kind,
          Array.from(task.logits).slice(i * perRow, (i + 1) * perRow),
        ),
      ).flat();
      const got = table.tasks[t]!;
      expect(Array.from(got.probabilities)).toEqual(expected);
      expect(Array.from(got.predicted!)).toEqual(
        Array.from(predictClasses(task.head.kind, expected, k)),
      );
      expect(got.operatingPoint).toBeUndefined();
      expect(got.temperatureScaling).toBeUndefined();
    });
  });

  it('reports raw probabilities with calibrated: false, keeping the operating-point decisions', () => {
    const tasks = validationLogits();
    const { calibration } = fitCheckpointCalibration(tasks, {
      temperature: 'fit',
      operatingPoints: { varus: youden },
    });
    const patientIds = Array.from(tasks[0]!.truth, (_, i) => `p${i}`);
    const scaled = predictionTableFromLogits({ patientIds, tasks }, calibration);
    const raw = predictionTableFromLogits({ patientIds, tasks }, calibration, {
      calibrated: false,
    });
    const none = predictionTableFromLogits({ patientIds, tasks }, {});
    expect(raw.tasks[0]!.predicted).toEqual(scaled.tasks[0]!.predicted);
    expect(raw.tasks[0]!.probabilities).toEqual(none.tasks[0]!.probabilities);
    expect(raw.tasks[0]!.temperatureScaling).toBeUndefined();
    expect(scaled.tasks[0]!.temperatureScaling!.uncalibrated).toEqual(none.tasks[0]!.probabilities);
    const metrics = computeTaskMetrics(scaled.tasks[1]!, { skipBootstrap: true });
    expect(metrics.temperature_scaling!.before).toEqual(
      computeTaskMetrics(none.tasks[1]!, { skipBootstrap: true }).calibration,
    );
    expect(metrics.calibration.ece!).toBeLessThan(metrics.temperature_scaling!.before.ece!);
  });
});
