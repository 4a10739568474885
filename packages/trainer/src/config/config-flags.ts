import { AUGMENTATION_PRESETS } from './augmentation-schema';
import type { ConfigOverride } from './load-config';
import { MODEL_ARCHITECTURES } from './model-schema';

/** How a flag's text becomes its configuration value (zod checks the value afterwards). */
export type ConfigFlagValue =
  /** The text as given. */
  | { kind: 'text' }
  /** An integer ≥ `min`. */
  | { kind: 'integer'; min: number }
  /** A finite number > 0. */
  | { kind: 'positive' }
  /** `N` (a cube) or `D,H,W`, each an integer ≥ 8. */
  | { kind: 'size' }
  /** A switch without an argument: given, it sets `value`. */
  | { kind: 'switch'; value: boolean };

/** One command-line flag of `train` and `cv` and the configuration field it sets. */
export interface ConfigFlag {
  /** The flag with its argument, as commander declares it: `--epochs <n>`, `--no-cache`. */
  flag: string;
  /** The configuration field (dotted path into {@link trainConfigSchema}). */
  path: string;
  /** Help text. */
  description: string;
  /** How its text becomes the value. */
  value: ConfigFlagValue;
  /** The values it takes, when they are few (commander lists and checks them). */
  choices?: readonly string[];
  /**
   * Whether `train` and `cv` both declare it with this text (the CLI's `withConfigOptions`);
   * false: `train` declares it, `cv` its own variant or none.
   */
  shared: boolean;
}

/**
 * The flags that set a training configuration field, in `--help` order: one row per flag, the
 * whole mapping (flags win over the config file; `--config`, `--set`, `--operating-point` and
 * `--backend`'s choices are the CLI's own). A test checks that every path is a field of the
 * schema.
 */
export const CONFIG_FLAGS: readonly ConfigFlag[] = [
  {
    flag: '--data <dir>',
    path: 'data.dir',
    description: 'dataset root in the original layout (data.dir)',
    value: { kind: 'text' },
    shared: true,
  },
  {
    flag: '--train-csv <file>',
    path: 'data.trainCsv',
    description: 'training label CSV (data.trainCsv; other layouts)',
    value: { kind: 'text' },
    shared: true,
  },
  {
    flag: '--train-dir <dir>',
    path: 'data.trainDir',
    description: 'folder of training scans (data.trainDir)',
    value: { kind: 'text' },
    shared: true,
  },
  {
    flag: '--val-csv <file>',
    path: 'data.valCsv',
    description: 'validation label CSV (data.valCsv)',
    value: { kind: 'text' },
    shared: true,
  },
  {
    flag: '--val-dir <dir>',
    path: 'data.valDir',
    description: 'folder of validation scans (data.valDir)',
    value: { kind: 'text' },
    shared: true,
  },
  {
    flag: '--epochs <n>',
    path: 'training.epochs',
    description: 'training epochs (training.epochs)',
    value: { kind: 'integer', min: 1 },
    shared: true,
  },
  {
    flag: '--batch-size <n>',
    path: 'training.batchSize',
    description: 'samples per batch (training.batchSize)',
    value: { kind: 'integer', min: 1 },
    shared: true,
  },
  {
    flag: '--lr <x>',
    path: 'optimizer.lr',
    description: 'peak learning rate (optimizer.lr)',
    value: { kind: 'positive' },
    shared: true,
  },
  {
    flag: '--size <n|d,h,w>',
    path: 'preprocessing.size',
    description: 'model input size (preprocessing.size)',
    value: { kind: 'size' },
    shared: true,
  },
  {
    flag: '--model <name>',
    path: 'model.architecture',
    description: 'network (model.architecture)',
    value: { kind: 'text' },
    choices: MODEL_ARCHITECTURES,
    shared: true,
  },
  {
    flag: '--augment <preset>',
    path: 'augmentation.preset',
    description: 'augmentation preset (augmentation.preset)',
    value: { kind: 'text' },
    choices: Object.keys(AUGMENTATION_PRESETS),
    shared: true,
  },
  {
    flag: '--workers <n>',
    path: 'training.workers',
    description: 'data worker threads (training.workers; 0 = main thread)',
    value: { kind: 'integer', min: 0 },
    shared: true,
  },
  {
    flag: '--validate-every <n>',
    path: 'training.validateEvery',
    description: 'validate every n epochs (training.validateEvery)',
    value: { kind: 'integer', min: 1 },
    shared: true,
  },
  {
    flag: '--seed <n>',
    path: 'training.seed',
    description: 'seed of initialisation, shuffling, augmentation (training.seed)',
    value: { kind: 'integer', min: 0 },
    shared: true,
  },
  {
    flag: '--skip-bad',
    path: 'data.skipBad',
    description: 'skip unreadable scans with a warning instead of stopping',
    value: { kind: 'switch', value: true },
    shared: true,
  },
  {
    flag: '--no-cache',
    path: 'data.cache',
    description: 'do not use the on-disk preprocessing cache',
    value: { kind: 'switch', value: false },
    shared: true,
  },
  {
    flag: '--cache-dir <dir>',
    path: 'data.cacheDir',
    description: 'preprocessing cache folder (data.cacheDir)',
    value: { kind: 'text' },
    shared: true,
  },
  {
    flag: '--backend <name>',
    path: 'training.backend',
    description: 'TensorFlow.js backend',
    value: { kind: 'text' },
    choices: ['auto', 'onednn', 'tensorflow', 'cpu', 'wasm'],
    shared: true,
  },
  {
    flag: '--runs-dir <dir>',
    path: 'training.runsDir',
    description: 'parent of new run folders (training.runsDir, default runs)',
    value: { kind: 'text' },
    shared: false,
  },
  {
    flag: '--run-dir <dir>',
    path: 'training.runDir',
    description: 'the run folder (training.runDir, default <runs-dir>/<timestamp>)',
    value: { kind: 'text' },
    shared: false,
  },
  {
    flag: '--no-calibration',
    path: 'calibration.temperature',
    description:
      'do not fit temperatures on the validation split after training (calibration.temperature)',
    value: { kind: 'switch', value: false },
    shared: false,
  },
];

/** The flag's name alone: `--epochs <n>` → `--epochs`. */
export function flagName(flag: ConfigFlag): string {
  return flag.flag.split(' ')[0]!;
}

/**
 * A flag's text as its configuration value, or the problem with it in words (the CLI reports it
 * as a usage error).
 * @example
 * configFlagValue(CONFIG_FLAGS[5]!, '12'); // { value: 12 }
 * configFlagValue(CONFIG_FLAGS[5]!, '0'); // { problem: "--epochs must be an integer ≥ 1, got '0'" }
 */
export function configFlagValue(
  flag: ConfigFlag,
  text: string,
): { value: unknown } | { problem: string } {
  const name = flagName(flag);
  const integer = (part: string, min: number): number | null => {
    const value = Number(part);
    return Number.isInteger(value) && value >= min ? value : null;
  };
  switch (flag.value.kind) {
    case 'text':
      return { value: text };
    case 'switch':
      return { value: flag.value.value };
    case 'integer': {
      const value = integer(text, flag.value.min);
      return value === null
        ? { problem: `${name} must be an integer ≥ ${flag.value.min}, got '${text}'` }
        : { value };
    }
    case 'positive': {
      const value = Number(text);
      return Number.isFinite(value) && value > 0
        ? { value }
        : { problem: `${name} must be a positive number, got '${text}'` };
    }
    case 'size': {
      const parts = text.split(',').map((part) => part.trim());
      for (const part of parts) {
        if (integer(part, 8) === null) {
          return { problem: `${name} must be an integer ≥ 8, got '${part}'` };
        }
      }
      const values = parts.map(Number);
      if (values.length === 1) return { value: [values[0], values[0], values[0]] };
      if (values.length === 3) return { value: values };
      return { problem: `${name} must be N or D,H,W, got '${text}'` };
    }
  }
}

/**
 * The overrides a set of given flags stands for, in table order.
 * @param given - per flag of {@link CONFIG_FLAGS}, its text (a switch: any text), or undefined
 *   when not given.
 * @throws {Error} never: problems come back in `problems`, one per bad flag.
 */
export function configFlagOverrides(given: (flag: ConfigFlag) => string | undefined): {
  overrides: ConfigOverride[];
  problems: string[];
} {
  const overrides: ConfigOverride[] = [];
  const problems: string[] = [];
  for (const flag of CONFIG_FLAGS) {
    const text = given(flag);
    if (text === undefined) continue;
    const parsed = configFlagValue(flag, text);
    if ('problem' in parsed) problems.push(parsed.problem);
    else overrides.push({ path: flag.path, value: parsed.value });
  }
  return { overrides, problems };
}
