import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseOperatingPointRule } from '@ct-fracture/densenet3d';
import { loadCheckpoint } from '@ct-fracture/densenet3d/node';
import {
  type CalibrationRequest,
  type CheckpointEvaluation,
  calibrateCheckpoint,
  calibrationLines,
  evaluateCheckpoint,
  headlineMetrics,
  predictLogits,
} from '@ct-fracture/eval';
import {
  CONFIG_FLAGS,
  type ConfigFlag,
  type ConfigOverride,
  cacheDirFor,
  configFlagOverrides,
  parseTrainConfigText,
  progressReporter,
  readRunConfig,
  readTrainConfig,
  resolveLabelSpec,
  scanReader,
  type TrainConfig,
  type TrainResult,
  train,
} from '@ct-fracture/trainer';
import { Command, Option } from 'commander';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { setUpBackend } from '../backend';
import { InterruptedError, UsageError } from '../cli-error';
import { DEMO_EXPLAIN, DEMO_OVERRIDES, ensureDemoData } from '../demo';
import { collect, operatingPointFlags } from '../operating-point-flags';
import type { Io } from '../run-action';
import { explainCount } from './validate';

/** The flags `train` shares with `cv` (the configuration flags) and its own. */
export interface TrainFlags {
  config?: string;
  data?: string;
  resume?: string;
  runsDir?: string;
  runDir?: string;
  epochs?: string;
  batchSize?: string;
  lr?: string;
  size?: string;
  model?: string;
  augment?: string;
  workers?: string;
  validateEvery?: string;
  seed?: string;
  skipBad?: boolean;
  cache?: boolean;
  cacheDir?: string;
  backend?: string;
  set?: string[];
  printConfig?: boolean;
  json?: boolean;
  report?: boolean;
  explain?: string;
  trainCsv?: string;
  trainDir?: string;
  valCsv?: string;
  valDir?: string;
  calibration?: boolean;
  operatingPoint?: string[];
}

/** The config overrides the flags stand for (flags win over the config file). */
export function overridesFrom(flags: TrainFlags): ConfigOverride[] {
  const given = flags as Record<string, unknown>;
  const { overrides, problems } = configFlagOverrides((flag) => {
    const value = given[new Option(flag.flag).attributeName()];
    if (flag.value.kind === 'switch') return value === flag.value.value ? '' : undefined;
    return value === undefined ? undefined : String(value);
  });
  if (problems.length > 0) throw new UsageError(problems[0]!);
  const set = (path: string, value: unknown) => overrides.push({ path, value });
  for (const value of flags.operatingPoint ?? []) {
    const equals = value.indexOf('=');
    if (equals < 1) throw new UsageError(`--operating-point must be TASK=RULE, got '${value}'`);
    set(`calibration.operatingPoints.${value.slice(0, equals).trim()}`, value.slice(equals + 1));
  }
  for (const assignment of flags.set ?? []) {
    const equals = assignment.indexOf('=');
    if (equals < 1) throw new UsageError(`--set must be KEY=VALUE, got '${assignment}'`);
    set(assignment.slice(0, equals).trim(), parseYaml(assignment.slice(equals + 1)));
  }
  return overrides;
}

const DATA_FIELDS = ['data.dir', 'data.trainCsv', 'data.trainDir'];

/**
 * Whether the config file or the flags name a dataset (`data.dir`, `data.trainCsv` or
 * `data.trainDir`); without one, `train` runs the demo.
 */
async function namesData(file: string | undefined, overrides: readonly ConfigOverride[]) {
  if (overrides.some((override) => DATA_FIELDS.includes(override.path) && override.value != null)) {
    return true;
  }
  if (file === undefined) return false;
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(file, 'utf8'));
  } catch {
    return true; // let the config reader report the file's problem
  }
  const data = (raw as { data?: Record<string, unknown> } | null)?.data;
  return DATA_FIELDS.some((field) => data?.[field.slice('data.'.length)] != null);
}

/**
 * The effective configuration: defaults ← config file ← flags. Without any data configured
 * (and not resuming), the demo: its settings go under the config file's and the flags'.
 */
async function effectiveConfig(flags: TrainFlags): Promise<{ config: TrainConfig; demo: boolean }> {
  const overrides = overridesFrom(flags);
  if (flags.resume === undefined) {
    const demo = !(await namesData(flags.config, overrides));
    const config = await readTrainConfig(
      flags.config ?? null,
      demo ? [...DEMO_OVERRIDES, ...overrides] : overrides,
    );
    return { config, demo };
  }
  if (flags.config !== undefined) {
    throw new UsageError('--resume continues a run with its own config.json; drop --config');
  }
  const saved = await readRunConfig(flags.resume);
  const config = parseTrainConfigText(
    JSON.stringify(saved),
    `${flags.resume}/config.json`,
    overrides,
  );
  return { config, demo: false };
}

/**
 * The run's report: the best checkpoint (else the last) on the validation scans, written into
 * the run folder (metrics.json, predictions.csv, plots/, report.html) with the training curves.
 */
/** The configured operating points name binary tasks of the label specification. */
export function checkOperatingPointTasks(config: TrainConfig): void {
  const rules = Object.entries(config.calibration.operatingPoints);
  if (rules.length === 0) return;
  const spec = resolveLabelSpec(config.data.labelSpec);
  operatingPointFlags(
    rules.map(([task, rule]) => `${task}=${rule}`),
    spec.tasks.map((task) => ({ name: task.name, kind: task.kind })),
    'calibration.operatingPoints',
  );
}

/** What the run's configuration asks to fit after training, or undefined for nothing. */
function calibrationRequest(config: TrainConfig): CalibrationRequest | undefined {
  const { temperature, operatingPoints } = config.calibration;
  if (!temperature && Object.keys(operatingPoints).length === 0) return undefined;
  return {
    temperature: temperature ? 'fit' : 'none',
    operatingPoints: Object.fromEntries(
      Object.entries(operatingPoints).map(([task, rule]) => [task, parseOperatingPointRule(rule)]),
    ),
  };
}

/**
 * After training: calibrates the reported checkpoint (best, else last) on the validation scans
 * as `config.calibration` asks, then (unless `report` is false) validates it there and writes
 * the run's report (metrics.json, predictions.csv, plots/, report.html).
 */
export async function finishRun(
  result: Pick<TrainResult, 'runDir' | 'checkpoints' | 'validationSamples'>,
  config: TrainConfig,
  options: { report: boolean; explain: number; explainLayer?: string; io: Io },
): Promise<CheckpointEvaluation | null> {
  const { io } = options;
  const request = calibrationRequest(config);
  if (result.validationSamples.length === 0) {
    io.err(
      `no validation scans: no ${request === undefined ? '' : 'calibration, no '}report (validate later with ct-fracture validate --data DIR)\n`,
    );
    return null;
  }
  const checkpoint = result.checkpoints.best ?? result.checkpoints.last;
  if (!existsSync(join(checkpoint, 'ct-fracture.json'))) return null;
  if (!options.report && request === undefined) return null;
  const { model, metadata } = await loadCheckpoint(checkpoint);
  const log = (line: string) => io.err(`report: ${line}\n`);
  try {
    if (!options.report) {
      io.err(`calibrating ${checkpoint} on ${result.validationSamples.length} scans\n`);
      const logits = await predictLogits({
        model,
        metadata,
        samples: result.validationSamples,
        scans: scanReader(cacheDirFor(config), (warning) => io.err(`warning: ${warning}\n`)),
        log,
      });
      const calibrated = await calibrateCheckpoint(checkpoint, metadata, logits, request!);
      for (const warning of calibrated.warnings) io.err(`warning: ${warning}\n`);
      for (const line of calibrationLines(calibrated.metadata)) io.err(`${line}\n`);
      return null;
    }
    io.err(`report: validating ${checkpoint} on ${result.validationSamples.length} scans\n`);
    return await evaluateCheckpoint({
      model,
      metadata,
      samples: result.validationSamples,
      out: result.runDir,
      history: await readFile(join(result.runDir, 'metrics.jsonl'), 'utf8').catch(() => undefined),
      config,
      dataset: {
        split: 'validation',
        checkpoint,
        ...(config.data.dir === null ? {} : { dir: config.data.dir }),
      },
      explain: options.explain,
      explainLayer: options.explainLayer,
      scans: scanReader(cacheDirFor(config), (warning) => io.err(`warning: ${warning}\n`)),
      title: `ct-fracture run ${result.runDir}`,
      log,
      fit: request === undefined ? undefined : { checkpoint, request },
    });
  } finally {
    model.dispose();
  }
}

/**
 * Trains with `train`'s progress on stderr; the first SIGINT/SIGTERM finishes the current step
 * and writes checkpoints/last (the run returns `interrupted`, the command then exits with 130).
 * Its handlers are then removed, so a second signal's default action ends the process at once —
 * even in the middle of a step, when no JavaScript can run. `finish` runs after training (not
 * after an interruption) while the run folder is still locked: the report.
 */
export async function trainUntilSignal(
  config: TrainConfig,
  options: { resume?: string; io: Io; finish?: (result: TrainResult) => Promise<void> },
): Promise<TrainResult> {
  const { io } = options;
  const controller = new AbortController();
  const stopListening = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  function onSignal(signal: NodeJS.Signals) {
    stopListening();
    io.err(
      `\n${signal}: finishing the current step and writing checkpoints/last (again to quit at once)\n`,
    );
    controller.abort();
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const stderr = process.stderr;
    return await train(config, {
      resume: options.resume,
      signal: controller.signal,
      onProgress: progressReporter({
        write: (text: string) => io.err(text),
        isTTY: stderr.isTTY === true,
        columns: stderr.columns,
      }),
      finish: async (result) => {
        stopListening();
        await options.finish?.(result);
      },
    });
  } finally {
    stopListening();
  }
}

/**
 * Adds the options that set the training configuration (`--config`, `--data`, … `--set`) to a
 * command: `train` and `cv` take the same ones.
 */
export function withConfigOptions(command: Command): Command {
  command.option('--config <file>', 'training configuration (JSON or YAML)');
  for (const flag of CONFIG_FLAGS.filter((row) => row.shared))
    command.addOption(configOption(flag));
  return command.option(
    '--set <key=value>',
    'any config field, e.g. --set loss.type=cross-entropy (repeatable)',
    collect,
  );
}

/** A row of `CONFIG_FLAGS` as a commander option. */
function configOption(flag: ConfigFlag): Option {
  const option = new Option(flag.flag, flag.description);
  return flag.choices === undefined ? option : option.choices(flag.choices);
}

/** `ct-fracture train [--config FILE] [--data DIR] [flags]`: train a 3D DenseNet. */
export function trainCommand(io: Io): Command {
  const command = new Command('train')
    .summary('train a 3D DenseNet on CT scans (original layout)')
    .description(
      'Train a 3D DenseNet on CT scans in the original layout (train_labels.csv, ' +
        'test_labels.csv, new_datasets/one_side_train|one_side_test/*.nii[.gz]). Defaults ' +
        "reproduce the original recipe; a config file (JSON or YAML, see the README's " +
        'configuration reference) and the flags below override it (flags win). Writes a run ' +
        'folder: config.json (the effective config), metrics.jsonl, checkpoints/last (every ' +
        'epoch; resumable) and checkpoints/best, then validates the best checkpoint and writes ' +
        'metrics.json, predictions.csv, plots/ and report.html into it. The dataset is checked ' +
        'first (labels, scan matching, every scan header) and all problems are reported at ' +
        'once, then every scan is read whole once (which fills the preprocessing cache). ' +
        'Ctrl-C finishes the current step, writes checkpoints/last and exits with code 130 ' +
        '(a second Ctrl-C quits at once); --resume RUN_DIR continues exactly where it stopped, ' +
        'also after a crash or kill -9. One process trains in a run folder at a time (its .lock).\n\n' +
        'With no data configured (no --data, --train-csv/--train-dir or config file data), ' +
        'train runs the demo: synthetic phantoms are written to data/demo if absent and a ' +
        'small DenseNet trains for a few minutes (flags still override its settings).',
    )
    .option('--resume <runDir>', 'continue the run in this folder from checkpoints/last');
  for (const flag of CONFIG_FLAGS.filter((row) => !row.shared))
    command.addOption(configOption(flag));
  return withConfigOptions(command)
    .option('--print-config', 'print the effective configuration (YAML) on stdout and exit')
    .option(
      '--operating-point <task=rule>',
      'choose a binary task’s threshold on the validation split after training: youden, ' +
        'sensitivity:X, specificity:X or threshold:X (calibration.operatingPoints; repeatable)',
      collect,
    )
    .option('--no-report', 'skip the final validation report (metrics, plots, report.html)')
    .option('--explain <k>', 'Grad-CAM figures of k scans per task in the report (demo: 1)')
    .option('--json', 'print one JSON document with the run folder and final metrics on stdout')
    .action(async (flags: TrainFlags) => {
      const { config, demo } = await effectiveConfig(flags);
      if (flags.printConfig) {
        io.out(stringifyYaml(config));
        return;
      }
      checkOperatingPointTasks(config);
      const explain = explainCount(flags.explain, demo ? DEMO_EXPLAIN.count : 0);
      if (demo) {
        io.err(
          'no data configured (--data DIR, --train-csv/--train-dir or a --config file): running the demo on synthetic phantoms\n',
        );
        await ensureDemoData(config.data.dir!, io);
      }
      const backend = (await setUpBackend(config.training.backend, io)).name;
      io.err(`effective configuration:\n${stringifyYaml(config)}`);
      const started = performance.now();
      const finished: { report: CheckpointEvaluation | null } = { report: null };
      const result = await trainUntilSignal(config, {
        resume: flags.resume,
        io,
        // The report goes into the run folder while its lock is still held.
        finish: async (trained) => {
          finished.report = await finishRun(trained, config, {
            report: flags.report !== false,
            explain,
            explainLayer: demo ? DEMO_EXPLAIN.layer : undefined,
            io,
          });
        },
      });
      const { report } = finished;
      const minutes = (performance.now() - started) / 60_000;
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      const summary = {
        runDir: result.runDir,
        reason: result.reason,
        backend,
        demo,
        epochsCompleted: result.epochsCompleted,
        best: result.best,
        checkpoints: result.checkpoints,
        lastTrain: result.lastTrain,
        lastValidation: result.lastValidation,
        report: report?.reportPath ?? null,
        calibration:
          report === null
            ? null
            : {
                temperatures: report.metadata.calibration ?? {},
                operatingPoints: report.metadata.operatingPoints ?? {},
                warnings: report.calibrationWarnings,
              },
        metrics: report?.metrics ?? null,
        peakRssMb,
      };
      const interrupted = new InterruptedError(
        `interrupted: checkpoints/last holds the run so far; resume with ct-fracture train --resume ${result.runDir}`,
      );
      if (flags.json) {
        io.out(`${JSON.stringify(summary)}\n`);
        if (result.reason === 'interrupted') throw interrupted;
        return;
      }
      const lines = [
        `run folder: ${result.runDir} (${result.reason}, ${minutes.toFixed(1)} min, peak RSS ${peakRssMb} MB)`,
      ];
      if (result.reason === 'interrupted') {
        lines.push(`resume with: ct-fracture train --resume ${result.runDir}`);
      }
      if (report !== null) {
        const best = result.best;
        lines.push(
          `validation of ${best === null ? 'the last checkpoint' : `the best checkpoint (epoch ${best.epoch}, ${best.metric} ${best.value.toFixed(3)})`} on ${result.validationSamples.length} scans:`,
          ...headlineMetrics(report).map((line) => `  ${line}`),
          ...calibrationLines(report.metadata).map((line) => `  ${line}`),
          `report: ${report.reportPath}`,
        );
      }
      io.out(`${lines.join('\n')}\n`);
      if (result.reason === 'interrupted') throw interrupted;
    });
}
