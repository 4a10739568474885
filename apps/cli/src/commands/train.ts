import {
  type ConfigOverride,
  parseTrainConfigText,
  progressReporter,
  readRunConfig,
  readTrainConfig,
  type TrainConfig,
  train,
} from '@ct-fracture/trainer';
import { Command, Option } from 'commander';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { BACKEND_CHOICES, setUpBackend } from '../backend';
import { UsageError } from '../cli-error';
import type { Io } from '../run-action';

interface TrainFlags {
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
}

function integer(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new UsageError(`${flag} must be an integer ≥ ${min}, got '${text}'`);
  }
  return value;
}

function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${flag} must be a positive number, got '${text}'`);
  }
  return value;
}

/** `--size 64` or `--size 64,64,48` → [d, h, w]. */
function sizeTriple(text: string): [number, number, number] {
  const parts = text.split(',').map((part) => integer('--size', part.trim(), 8));
  if (parts.length === 1) return [parts[0]!, parts[0]!, parts[0]!];
  if (parts.length === 3) return parts as [number, number, number];
  throw new UsageError(`--size must be N or D,H,W, got '${text}'`);
}

/** The config overrides the flags stand for (flags win over the config file). */
function overridesFrom(flags: TrainFlags): ConfigOverride[] {
  const overrides: ConfigOverride[] = [];
  const set = (path: string, value: unknown) => overrides.push({ path, value });
  if (flags.data !== undefined) set('data.dir', flags.data);
  if (flags.runsDir !== undefined) set('training.runsDir', flags.runsDir);
  if (flags.runDir !== undefined) set('training.runDir', flags.runDir);
  if (flags.epochs !== undefined) set('training.epochs', integer('--epochs', flags.epochs, 1));
  if (flags.batchSize !== undefined) {
    set('training.batchSize', integer('--batch-size', flags.batchSize, 1));
  }
  if (flags.lr !== undefined) set('optimizer.lr', positiveNumber('--lr', flags.lr));
  if (flags.size !== undefined) set('preprocessing.size', sizeTriple(flags.size));
  if (flags.model !== undefined) set('model.architecture', flags.model);
  if (flags.augment !== undefined) set('augmentation.preset', flags.augment);
  if (flags.workers !== undefined) set('training.workers', integer('--workers', flags.workers, 0));
  if (flags.validateEvery !== undefined) {
    set('training.validateEvery', integer('--validate-every', flags.validateEvery, 1));
  }
  if (flags.seed !== undefined) set('training.seed', integer('--seed', flags.seed, 0));
  if (flags.skipBad) set('data.skipBad', true);
  if (flags.cache === false) set('data.cache', false);
  if (flags.cacheDir !== undefined) set('data.cacheDir', flags.cacheDir);
  if (flags.backend !== undefined) set('training.backend', flags.backend);
  for (const assignment of flags.set ?? []) {
    const equals = assignment.indexOf('=');
    if (equals < 1) throw new UsageError(`--set must be KEY=VALUE, got '${assignment}'`);
    set(assignment.slice(0, equals).trim(), parseYaml(assignment.slice(equals + 1)));
  }
  return overrides;
}

async function effectiveConfig(flags: TrainFlags): Promise<TrainConfig> {
  const overrides = overridesFrom(flags);
  if (flags.resume === undefined) return readTrainConfig(flags.config ?? null, overrides);
  if (flags.config !== undefined) {
    throw new UsageError('--resume continues a run with its own config.json; drop --config');
  }
  const saved = await readRunConfig(flags.resume);
  return parseTrainConfigText(JSON.stringify(saved), `${flags.resume}/config.json`, overrides);
}

/** `ct-fracture train [--config FILE] [--data DIR] [flags]`: train a 3D DenseNet. */
export function trainCommand(io: Io): Command {
  return new Command('train')
    .summary('train a 3D DenseNet on CT scans (original layout)')
    .description(
      'Train a 3D DenseNet on CT scans in the original layout (train_labels.csv, ' +
        'test_labels.csv, new_datasets/one_side_train|one_side_test/*.nii[.gz]). Defaults ' +
        "reproduce the original recipe; a config file (JSON or YAML, see the README's " +
        'configuration reference) and the flags below override it (flags win). Writes a run ' +
        'folder: config.json (the effective config), metrics.jsonl, checkpoints/last (every ' +
        'epoch; resumable) and checkpoints/best. Ctrl-C finishes the current step, writes ' +
        'checkpoints/last and exits; --resume RUN_DIR continues exactly where it stopped.',
    )
    .option('--config <file>', 'training configuration (JSON or YAML)')
    .option('--data <dir>', 'dataset root in the original layout (data.dir)')
    .option('--resume <runDir>', 'continue the run in this folder from checkpoints/last')
    .option('--runs-dir <dir>', 'parent of new run folders (training.runsDir, default runs)')
    .option('--run-dir <dir>', 'the run folder (training.runDir, default <runs-dir>/<timestamp>)')
    .option('--epochs <n>', 'training epochs (training.epochs)')
    .option('--batch-size <n>', 'samples per batch (training.batchSize)')
    .option('--lr <x>', 'peak learning rate (optimizer.lr)')
    .option('--size <n|d,h,w>', 'model input size (preprocessing.size)')
    .option('--model <name>', 'densenet121|densenet169|densenet201|densenet264|custom')
    .option('--augment <preset>', 'augmentation preset: original|none|light')
    .option('--workers <n>', 'data worker threads (training.workers; 0 = main thread)')
    .option('--validate-every <n>', 'validate every n epochs (training.validateEvery)')
    .option('--seed <n>', 'seed of initialisation, shuffling, augmentation (training.seed)')
    .option('--skip-bad', 'skip unreadable scans with a warning instead of stopping')
    .option('--no-cache', 'do not use the on-disk preprocessing cache')
    .option('--cache-dir <dir>', 'preprocessing cache folder (data.cacheDir)')
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend').choices(BACKEND_CHOICES))
    .option(
      '--set <key=value>',
      'any config field, e.g. --set loss.type=cross-entropy (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--print-config', 'print the effective configuration (YAML) on stdout and exit')
    .option('--json', 'print one JSON document with the run folder and final metrics on stdout')
    .action(async (flags: TrainFlags) => {
      const config = await effectiveConfig(flags);
      if (flags.printConfig) {
        io.out(stringifyYaml(config));
        return;
      }
      const backend = (await setUpBackend(config.training.backend, io)).name;
      io.err(`effective configuration:\n${stringifyYaml(config)}`);
      const controller = new AbortController();
      let interrupts = 0;
      const onSignal = (signal: NodeJS.Signals) => {
        interrupts += 1;
        if (interrupts > 1) process.exit(130);
        io.err(
          `\n${signal}: finishing this step and writing checkpoints/last (again to quit now)\n`,
        );
        controller.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        const stderr = process.stderr;
        const result = await train(config, {
          resume: flags.resume,
          signal: controller.signal,
          onProgress: progressReporter({
            write: (text: string) => io.err(text),
            isTTY: stderr.isTTY === true,
            columns: stderr.columns,
          }),
        });
        const summary = {
          runDir: result.runDir,
          reason: result.reason,
          backend,
          epochsCompleted: result.epochsCompleted,
          best: result.best,
          checkpoints: result.checkpoints,
          lastTrain: result.lastTrain,
          lastValidation: result.lastValidation,
        };
        if (flags.json) io.out(`${JSON.stringify(summary)}\n`);
        else io.out(`run folder: ${result.runDir} (${result.reason})\n`);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
