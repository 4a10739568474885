import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './workspace';

/**
 * The whole mission from the command line, on small phantoms: synth → labels check → train
 * (tiny, 2 epochs) → validate → predict → metrics → resume, and the error paths a user meets
 * first (a broken label CSV, a corrupt scan). Each step asserts its outputs, not just exit 0.
 */

const TASKS = [
  'fracture_parts',
  'dislocation',
  'gt_displacement',
  'shaft_translation',
  'varus',
  'articular',
];

/** A tiny DenseNet at 16³ so that two epochs take seconds. */
const TINY = [
  '--size',
  '16',
  '--model',
  'custom',
  '--set',
  'model.initFeatures=8',
  '--set',
  'model.growthRate=4',
  '--set',
  'model.blockConfig=[1,1]',
  '--batch-size',
  '4',
  '--validate-every',
  '1',
  '--augment',
  'none',
  '--set',
  'schedule.warmupEpochs=1',
];

let work: string;
let data: string;
let runs: string;

interface TaskMetricsJson {
  n: number;
  accuracy: number | null;
  balanced_accuracy: number | null;
  macro_auc: number | null;
  confusion_matrix: number[][];
}

function expectRatiosInUnitInterval(tasks: Record<string, TaskMetricsJson>) {
  expect(Object.keys(tasks)).toEqual(TASKS);
  for (const task of Object.values(tasks)) {
    for (const value of [task.accuracy, task.balanced_accuracy, task.macro_auc]) {
      if (value !== null) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
  }
}

/** The records of a run's metrics.jsonl. */
function metricsRecords(runDir: string): { epoch: number; split: string; loss: number }[] {
  return readFileSync(join(runDir, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { epoch: number; split: string; loss: number });
}

/** Exactly one line on stderr starting with `ct-fracture:`, and no stack trace. */
function expectOneErrorLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  const errors = lines.filter((line) => line.startsWith('ct-fracture:'));
  expect(errors).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return errors[0]!;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ct-fracture-e2e-'));
  data = join(work, 'data');
  runs = join(work, 'runs');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('synth → labels check → train → validate → predict → metrics → resume', () => {
  it('synth writes the original layout', () => {
    const result = runCli([
      'synth',
      '--out',
      data,
      '--train',
      '12',
      '--test',
      '6',
      '--size',
      'small',
      '--seed',
      '3',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(join(data, 'new_datasets', 'one_side_train'))).toHaveLength(12);
    expect(readdirSync(join(data, 'new_datasets', 'one_side_test'))).toHaveLength(6);
    expect(existsSync(join(data, 'train_labels.csv'))).toBe(true);
  });

  it('labels check finds zero problems in the phantom labels', () => {
    for (const split of ['train', 'test']) {
      const result = runCli([
        'labels',
        'check',
        '--csv',
        join(data, `${split}_labels.csv`),
        '--scans',
        join(data, 'new_datasets', `one_side_${split}`),
        '--strict',
        '--json',
      ]);
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as {
        errorCount: number;
        warningCount: number;
        matched: number;
      };
      expect(report.errorCount).toBe(0);
      expect(report.warningCount).toBe(0);
      expect(report.matched).toBe(split === 'train' ? 12 : 6);
    }
  });

  let runDir: string;

  it('train writes the run folder, checkpoints, metrics and report', () => {
    runDir = join(runs, 'tiny');
    const result = runCli([
      'train',
      '--data',
      data,
      '--run-dir',
      runDir,
      '--epochs',
      '2',
      ...TINY,
      '--operating-point',
      'varus=youden',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      runDir: string;
      reason: string;
      epochsCompleted: number;
      report: string;
      calibration: {
        temperatures: Record<string, { temperature: number }>;
        operatingPoints: Record<string, { rule: string; threshold: number }>;
        warnings: string[];
      };
      metrics: { tasks: Record<string, TaskMetricsJson> };
    };
    // Calibration fitted on the validation split, stored in the reported checkpoint: every task
    // has a temperature or a warning saying why not (6 validation scans may separate a task).
    const best = JSON.parse(
      readFileSync(join(runDir, 'checkpoints', 'best', 'ct-fracture.json'), 'utf8'),
    ) as { calibration?: object; operatingPoints?: object };
    expect(best.calibration ?? {}).toEqual(summary.calibration.temperatures);
    expect(best.operatingPoints ?? {}).toEqual(summary.calibration.operatingPoints);
    for (const task of TASKS) {
      const explained =
        task in summary.calibration.temperatures ||
        summary.calibration.warnings.some((w) => w.startsWith(`task '${task}': not calibrated`));
      expect(explained, task).toBe(true);
    }
    expect(
      'varus' in summary.calibration.operatingPoints ||
        summary.calibration.warnings.some((w) => w.startsWith("task 'varus': no operating point")),
    ).toBe(true);
    const config = JSON.parse(readFileSync(join(runDir, 'config.json'), 'utf8'));
    expect(config.calibration).toEqual({ temperature: true, operatingPoints: { varus: 'youden' } });
    expect(summary.reason).toBe('completed');
    expect(summary.epochsCompleted).toBe(2);
    expect(summary.report).toBe(join(runDir, 'report.html'));
    expectRatiosInUnitInterval(summary.metrics.tasks);
    for (const file of [
      'config.json',
      'metrics.jsonl',
      'metrics.json',
      'predictions.csv',
      'report.html',
      'checkpoints/best/ct-fracture.json',
      'checkpoints/last/ct-fracture.json',
    ]) {
      expect(existsSync(join(runDir, file)), file).toBe(true);
    }
    const records = metricsRecords(runDir);
    expect(records.map((record) => `${record.split}${record.epoch}`)).toEqual([
      'train1',
      'validation1',
      'train2',
      'validation2',
    ]);
    for (const record of records) expect(Number.isFinite(record.loss)).toBe(true);
    expect(readdirSync(join(runDir, 'plots')).some((file) => file.endsWith('.png'))).toBe(true);
  });

  it('validate (latest run, test split, with Grad-CAM) writes metrics, predictions and a report', () => {
    const result = runCli(['validate', '--runs-dir', runs, '--explain', '1', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      out: string;
      report: string;
      metrics: { tasks: Record<string, TaskMetricsJson> };
    };
    expect(summary.out).toBe(join(runDir, 'validation-test'));
    expectRatiosInUnitInterval(summary.metrics.tasks);
    for (const task of Object.values(summary.metrics.tasks)) expect(task.n).toBeLessThanOrEqual(6);
    const csv = readFileSync(join(summary.out, 'predictions.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + 6);
    const metricsFile = JSON.parse(readFileSync(join(summary.out, 'metrics.json'), 'utf8'));
    expect(metricsFile.tasks.varus.accuracy).toBe(summary.metrics.tasks.varus!.accuracy);
    const html = readFileSync(summary.report, 'utf8');
    expect(html).toContain('Grad-CAM');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  it('predict classifies every test scan with probabilities that sum to 1', () => {
    const folder = join(data, 'new_datasets', 'one_side_test');
    const files = readdirSync(folder).map((file) => join(folder, file));
    const result = runCli([
      'predict',
      '--checkpoint',
      join(runDir, 'checkpoints', 'best'),
      ...files,
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const { predictions } = JSON.parse(result.stdout) as {
      predictions: {
        file: string;
        tasks: Record<string, { pred: string; probs: Record<string, number> }>;
      }[];
    };
    expect(predictions.map((prediction) => prediction.file)).toEqual(files);
    for (const prediction of predictions) {
      expect(Object.keys(prediction.tasks)).toEqual(TASKS);
      for (const task of Object.values(prediction.tasks)) {
        const sum = Object.values(task.probs).reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(1, 5);
        expect(Object.keys(task.probs)).toContain(task.pred);
      }
    }
  });

  it('validate --no-calibration reports raw probabilities with the same predicted classes', () => {
    const out = join(work, 'validation-raw');
    const result = runCli([
      'validate',
      '--runs-dir',
      runs,
      '--no-calibration',
      '--out',
      out,
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const raw = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    const calibrated = JSON.parse(
      readFileSync(join(runs, 'tiny', 'validation-test', 'metrics.json'), 'utf8'),
    );
    for (const task of TASKS) {
      expect(raw.tasks[task].confusion_matrix).toEqual(calibrated.tasks[task].confusion_matrix);
      // A temperature keeps each binary ranking (AUC) but not one-vs-rest rankings across rows.
      if (raw.tasks[task].kind === 'binary') {
        expect(raw.tasks[task].macro_auc).toBeCloseTo(
          calibrated.tasks[task].macro_auc ?? Number.NaN,
          9,
        );
      }
      expect(raw.tasks[task].temperature_scaling).toBeNull();
      if (calibrated.tasks[task].temperature_scaling !== null) {
        expect(raw.tasks[task].calibration).toEqual(
          calibrated.tasks[task].temperature_scaling.before,
        );
      }
    }
  });

  it('validate --calibrate rejects --no-calibration and operating points of multiclass tasks', () => {
    const both = runCli(['validate', '--runs-dir', runs, '--calibrate', '--no-calibration']);
    expect(both.code).toBe(2);
    expect(expectOneErrorLine(both.stderr)).toContain(
      'give --calibrate (fit temperatures) or --no-calibration',
    );
    const multi = runCli(['validate', '--runs-dir', runs, '--operating-point', 'articular=youden']);
    expect(multi.code).toBe(2);
    expect(expectOneErrorLine(multi.stderr)).toContain(
      "--operating-point needs a binary task (dislocation, gt_displacement, varus), got 'articular' (multiclass",
    );
  });

  it('validate --calibrate --operating-point writes them into a checkpoint and reports them', () => {
    const checkpoint = join(work, 'recalibrated');
    cpSync(join(runs, 'tiny', 'checkpoints', 'best'), checkpoint, { recursive: true });
    const weights = readFileSync(join(checkpoint, 'weights.bin'));
    const out = join(work, 'validation-recalibrated');
    const result = runCli([
      'validate',
      '--checkpoint',
      checkpoint,
      '--data',
      data,
      '--split',
      'train',
      '--calibrate',
      '--operating-point',
      'gt_displacement=sensitivity:0.9',
      '--out',
      out,
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      calibration: { fitted: boolean; operatingPoints: Record<string, { threshold: number }> };
      metrics: {
        tasks: Record<
          string,
          {
            chosen_operating_point: {
              sensitivity: number;
              validation: { sensitivity: number };
            } | null;
          }
        >;
      };
    };
    expect(summary.calibration.fitted).toBe(true);
    const written = JSON.parse(readFileSync(join(checkpoint, 'ct-fracture.json'), 'utf8'));
    expect(written.operatingPoints ?? {}).toEqual(summary.calibration.operatingPoints);
    expect(readFileSync(join(checkpoint, 'weights.bin')).equals(weights)).toBe(true);
    const chosen = summary.metrics.tasks.gt_displacement!.chosen_operating_point;
    if (chosen !== null) {
      // Fitted on these very scans: the decisions reproduce the validation values.
      expect(chosen.sensitivity).toBe(chosen.validation.sensitivity);
      expect(chosen.sensitivity).toBeGreaterThanOrEqual(0.9);
    }
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('fitted on these scans');
  });

  it('metrics on validate’s predictions.csv reproduces its metrics.json', () => {
    const out = join(runDir, 'validation-test');
    const result = runCli(['metrics', join(out, 'predictions.csv'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const fromCsv = JSON.parse(result.stdout) as { tasks: Record<string, TaskMetricsJson> };
    const written = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as {
      tasks: Record<string, TaskMetricsJson>;
    };
    expectRatiosInUnitInterval(fromCsv.tasks);
    for (const task of TASKS) {
      expect(fromCsv.tasks[task]!.confusion_matrix).toEqual(written.tasks[task]!.confusion_matrix);
      expect(fromCsv.tasks[task]!.macro_auc).toBeCloseTo(
        written.tasks[task]!.macro_auc ?? Number.NaN,
        4,
      );
    }
  });

  it('train --resume continues a run where it stopped', () => {
    const result = runCli(['train', '--resume', runDir, '--epochs', '3', '--no-report', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { epochsCompleted: number; reason: string };
    expect(summary.epochsCompleted).toBe(3);
    const epochs = metricsRecords(runDir)
      .filter((record) => record.split === 'train')
      .map((record) => record.epoch);
    expect(epochs).toEqual([1, 2, 3]);
  });
});

describe('error paths print one line and exit 1', () => {
  it('a broken label CSV names the file, line and value', () => {
    const broken = join(work, 'broken-csv');
    cpSync(data, broken, { recursive: true });
    const csv = join(broken, 'train_labels.csv');
    const lines = readFileSync(csv, 'utf8').split('\n');
    lines[2] = lines[2]!.replace(/,(yes|no),/, ',perhaps,');
    writeFileSync(csv, lines.join('\n'));
    const result = runCli(['train', '--data', broken, '--run-dir', join(work, 'never'), ...TINY]);
    expect(result.code).toBe(1);
    const line = expectOneErrorLine(result.stderr);
    expect(line).toContain('train_labels.csv:line 3');
    expect(line).toContain('perhaps');
    expect(existsSync(join(work, 'never'))).toBe(false);
  });

  it('a corrupt scan is named before any training', () => {
    const corrupt = join(work, 'corrupt-scan');
    cpSync(data, corrupt, { recursive: true });
    const folder = join(corrupt, 'new_datasets', 'one_side_test');
    const victim = join(folder, readdirSync(folder)[0]!);
    writeFileSync(victim, readFileSync(victim).subarray(0, 100));
    const result = runCli(['train', '--data', corrupt, '--run-dir', join(work, 'never2'), ...TINY]);
    expect(result.code).toBe(1);
    const line = expectOneErrorLine(result.stderr);
    expect(line).toContain(victim);
    expect(existsSync(join(work, 'never2'))).toBe(false);
    const validate = runCli([
      'validate',
      '--checkpoint',
      join(runs, 'tiny', 'checkpoints', 'best'),
      '--data',
      corrupt,
    ]);
    expect(validate.code).toBe(1);
    expect(expectOneErrorLine(validate.stderr)).toContain(victim);
  });

  it('several problems are reported at once: a headline, then one line each', () => {
    const both = join(work, 'both');
    cpSync(join(work, 'broken-csv'), both, { recursive: true });
    const folder = join(both, 'new_datasets', 'one_side_train');
    const victim = join(folder, readdirSync(folder)[5]!);
    writeFileSync(victim, 'not a NIfTI file');
    const result = runCli(['train', '--data', both, '--run-dir', join(work, 'never3'), ...TINY]);
    expect(result.code).toBe(1);
    const headline = expectOneErrorLine(result.stderr);
    expect(headline).toContain('the dataset must have no problems, got 2');
    const listed = result.stderr.split('\n').filter((line) => line.startsWith('  - '));
    expect(listed).toHaveLength(2);
    expect(listed[0]).toContain('perhaps');
    expect(listed[1]).toContain(victim);
  });

  it('usage errors exit 2 with one line', () => {
    const result = runCli(['validate', '--csv', 'x.csv']);
    expect(result.code).toBe(2);
    expect(expectOneErrorLine(result.stderr)).toContain('--csv and --scans');
  });
});
