import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ORIGINAL_LAYOUT } from '@ct-fracture/core';
import { loadCheckpoint } from '@ct-fracture/densenet3d/node';
import { calibrationLines, evaluateCheckpoint, headlineMetrics } from '@ct-fracture/eval';
import {
  cacheDirFor,
  checkLabelledScans,
  defaultCacheDir,
  readRunConfig,
  scanReader,
  type TrainConfig,
} from '@ct-fracture/trainer';
import { Command, Option } from 'commander';
import { BACKEND_CHOICES, setUpBackend } from '../backend';
import { CliInputError, UsageError } from '../cli-error';
import { collect, operatingPointFlags } from '../operating-point-flags';
import type { Io } from '../run-action';
import { latestRun, runCheckpoint, runOfCheckpoint } from '../runs';

/** The splits of the original layout. */
export const SPLITS = ['test', 'train'] as const;
type Split = (typeof SPLITS)[number];

interface ValidateFlags {
  checkpoint?: string;
  runsDir: string;
  data?: string;
  split: Split;
  csv?: string;
  scans?: string;
  out?: string;
  explain?: string;
  explainLayer?: string;
  skipBad?: boolean;
  cache?: boolean;
  backend: string;
  json?: boolean;
  calibrate?: boolean;
  operatingPoint?: string[];
  calibration: boolean;
}

/** A split of the original layout (`@ct-fracture/core`'s `ORIGINAL_LAYOUT`) under a dataset root. */
export function originalLayout(dir: string, split: Split): { csv: string; scans: string } {
  return {
    csv: join(dir, ORIGINAL_LAYOUT[split].csv),
    scans: join(dir, ORIGINAL_LAYOUT[split].scans),
  };
}

/** The labelled scans of a split as a run's configuration names them. */
function runData(config: TrainConfig, split: Split, run: string): { csv: string; scans: string } {
  const { data } = config;
  const layout = data.dir === null ? null : originalLayout(data.dir, split);
  const csv = split === 'train' ? data.trainCsv : data.valCsv;
  const scans = split === 'train' ? data.trainDir : data.valDir;
  if (split === 'test' && data.validationFraction !== null && csv === null) {
    throw new CliInputError(
      `${run}: this run validated on a held-out fraction of its training rows (data.validationFraction); pass --csv FILE --scans DIR or --data DIR`,
    );
  }
  const chosen = { csv: csv ?? layout?.csv, scans: scans ?? layout?.scans };
  if (chosen.csv === undefined || chosen.scans === undefined) {
    throw new CliInputError(
      `${run}: the run's config.json names no ${split} data; pass --data DIR`,
    );
  }
  return { csv: chosen.csv, scans: chosen.scans };
}

/** `--explain K`: a count ≥ 0, or `fallback` when the flag is absent. */
export function explainCount(text: string | undefined, fallback = 0): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new UsageError(`--explain must be an integer ≥ 0, got '${text}'`);
  }
  return value;
}

/**
 * `ct-fracture validate [--checkpoint DIR] [--data DIR] [--split test|train] [--out DIR]
 * [--explain K] [--json]`: metrics, plots and report.html for a checkpoint on labelled scans.
 */
export function validateCommand(io: Io): Command {
  return new Command('validate')
    .summary('validate a checkpoint: metrics, plots, report.html')
    .description(
      'Validate a checkpoint on labelled scans: every scan is preprocessed as the checkpoint ' +
        'says and predicted; the labels (parsed with the checkpoint’s label specification) and ' +
        'the predictions give metrics with bootstrap 95 % confidence intervals, plots and one ' +
        'self-contained report.html.\n\n' +
        'Without --checkpoint, the latest run under --runs-dir (its checkpoints/best, else ' +
        'checkpoints/last) is validated on the data its config.json names — what `pnpm turbo ' +
        'run validate` does. The data: --data DIR in the original layout (--split picks ' +
        '<split>_labels.csv and new_datasets/one_side_<split>), or --csv FILE --scans DIR. The ' +
        'dataset is checked first (labels, matching, every scan header) and all problems are ' +
        'reported at once.\n\n' +
        'Writes into --out (default <run>/validation-<split>, or <checkpoint>-validation-<split> ' +
        'outside a run folder): metrics.json, predictions.csv, plots/*.svg|png, report.html.\n\n' +
        'The checkpoint’s calibration (a temperature per task) and operating points (a binary ' +
        'task’s threshold) are applied. --calibrate fits the temperatures on these scans and ' +
        '--operating-point TASK=RULE chooses a threshold on them; both are written into the ' +
        'checkpoint’s ct-fracture.json (weights untouched), so fit them on the validation ' +
        'split, not on the test split. --no-calibration reports the raw probabilities (the ' +
        'operating points still decide).',
    )
    .option('--checkpoint <dir>', 'checkpoint folder (default: the latest run’s best checkpoint)')
    .option('--runs-dir <dir>', 'where to look for the latest run', 'runs')
    .option('--data <dir>', 'dataset root in the original layout (default: the run’s data)')
    .addOption(
      new Option('--split <name>', 'split of the original layout').choices(SPLITS).default('test'),
    )
    .option('--csv <file>', 'label CSV (with --scans; instead of --data)')
    .option(
      '--scans <dir>',
      'folder of scans: .nii/.nii.gz files and DICOM series sub-folders (with --csv)',
    )
    .option('--out <dir>', 'output folder')
    .option('--explain <k>', 'add Grad-CAM overlays of the k most confident findings per task')
    .option(
      '--explain-layer <stage>',
      'Grad-CAM stage (default: the last dense block; features.denseblock1 localises finer)',
    )
    .option('--skip-bad', 'skip unreadable scans with a warning instead of stopping')
    .option(
      '--no-cache',
      'do not use the preprocessing cache (default: the run’s, else $XDG_CACHE_HOME/ct-fracture)',
    )
    .addOption(
      new Option('--backend <name>', 'compute backend').choices(BACKEND_CHOICES).default('auto'),
    )
    .option(
      '--calibrate',
      'fit a temperature per task on these scans and write it into the checkpoint',
    )
    .option(
      '--operating-point <task=rule>',
      'choose a binary task’s threshold on these scans and write it into the checkpoint: ' +
        'youden, sensitivity:X, specificity:X or threshold:X (repeatable)',
      collect,
    )
    .option('--no-calibration', 'report raw probabilities (temperatures not applied)')
    .option('--json', 'print one JSON document (paths and metrics) on stdout')
    .action(async (flags: ValidateFlags) => {
      if ((flags.csv === undefined) !== (flags.scans === undefined)) {
        throw new UsageError('--csv and --scans go together');
      }
      if (flags.calibrate && !flags.calibration) {
        throw new UsageError('give --calibrate (fit temperatures) or --no-calibration, not both');
      }
      if (flags.csv !== undefined && flags.data !== undefined) {
        throw new UsageError('give --data DIR or --csv FILE --scans DIR, not both');
      }
      const explain = explainCount(flags.explain);
      let checkpoint: string;
      if (flags.checkpoint !== undefined) {
        checkpoint = resolve(flags.checkpoint);
      } else {
        const run = await latestRun(flags.runsDir);
        checkpoint = (await runCheckpoint(run))!;
        io.err(`validating the latest run's checkpoint: ${checkpoint}\n`);
      }
      const run = runOfCheckpoint(checkpoint);
      const config = run === null ? null : await readRunConfig(run);
      let data: { csv: string; scans: string };
      if (flags.csv !== undefined) data = { csv: flags.csv, scans: flags.scans! };
      else if (flags.data !== undefined) data = originalLayout(flags.data, flags.split);
      else if (config !== null && run !== null) data = runData(config, flags.split, run);
      else {
        throw new UsageError(
          'the checkpoint is not in a run folder: pass --data DIR or --csv FILE --scans DIR',
        );
      }
      const out = resolve(
        flags.out ??
          (run !== null
            ? join(run, `validation-${flags.split}`)
            : `${checkpoint}-validation-${flags.split}`),
      );
      await setUpBackend(flags.backend, io);
      const { model, metadata } = await loadCheckpoint(checkpoint);
      try {
        const rules = operatingPointFlags(
          flags.operatingPoint ?? [],
          model.config.heads.map((head) => ({ name: head.task, kind: head.kind })),
        );
        const fit =
          flags.calibrate || Object.keys(rules).length > 0
            ? {
                checkpoint,
                request: {
                  temperature: flags.calibrate ? ('fit' as const) : ('keep' as const),
                  operatingPoints: rules,
                },
              }
            : undefined;
        const samples = await checkLabelledScans(
          { csv: data.csv, dir: data.scans, spec: metadata.labelSpec, skipBad: flags.skipBad },
          (message) => io.err(`warning: ${message}\n`),
        );
        if (samples.length === 0) {
          throw new CliInputError(`${resolve(data.csv)}: no scan matched a label row`);
        }
        const historyFile = run === null ? null : join(run, 'metrics.jsonl');
        const history =
          historyFile !== null && existsSync(historyFile)
            ? await readFile(historyFile, 'utf8')
            : undefined;
        const evaluation = await evaluateCheckpoint({
          model,
          metadata,
          samples,
          out,
          history,
          config: config ?? { checkpoint: metadata },
          dataset: {
            split: flags.split,
            labels: resolve(data.csv),
            scans: resolve(data.scans),
            checkpoint,
          },
          explain,
          explainLayer: flags.explainLayer,
          scans: scanReader(
            flags.cache === false
              ? null
              : config !== null && flags.data === undefined && flags.csv === undefined
                ? cacheDirFor(config)
                : defaultCacheDir(),
            (warning) => io.err(`warning: ${warning}\n`),
          ),
          title: `ct-fracture validation: ${flags.split} split`,
          log: (line) => io.err(`${line}\n`),
          fit,
          calibrated: flags.calibration,
        });
        const applied = evaluation.metadata;
        if (flags.json) {
          io.out(
            `${JSON.stringify({
              checkpoint,
              split: flags.split,
              labels: resolve(data.csv),
              scans: resolve(data.scans),
              out,
              report: evaluation.reportPath,
              files: evaluation.files,
              seconds: evaluation.seconds,
              calibration: {
                applied: flags.calibration,
                fitted: fit !== undefined,
                temperatures: applied.calibration ?? {},
                operatingPoints: applied.operatingPoints ?? {},
                warnings: evaluation.calibrationWarnings,
              },
              metrics: evaluation.metrics,
            })}\n`,
          );
        } else {
          const lines = [
            `${samples.length} scans (${flags.split}) with ${checkpoint}`,
            ...headlineMetrics(evaluation),
            ...calibrationLines(applied, flags.calibration),
            `report: ${evaluation.reportPath}`,
          ];
          io.out(`${lines.join('\n')}\n`);
        }
      } finally {
        model.dispose();
      }
    });
}
