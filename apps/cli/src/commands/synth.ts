import {
  type PhantomDatasetOptions,
  SIZE_PRESETS,
  type SizePreset,
  writePhantomDataset,
} from '@ct-fracture/phantom';
import { Command } from 'commander';
import { UsageError } from '../cli-error';
import type { Io } from '../run-action';

interface SynthFlags {
  out: string;
  train: string;
  test: string;
  seed: string;
  size: string;
  gz?: boolean;
  force?: boolean;
  workers?: string;
  side: string;
  orientation?: string;
  format: string;
  spellings: string;
  noise: boolean;
  json?: boolean;
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be an integer in [${min}, ${max}], got '${text}'`);
  }
  return value;
}

function oneOf<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!choices.includes(text as T)) {
    throw new UsageError(`${flag} must be one of ${choices.join(', ')}, got '${text}'`);
  }
  return text as T;
}

/** Parses and checks the flags into dataset options (usage errors name the flag). */
function datasetOptions(flags: SynthFlags): Omit<PhantomDatasetOptions, 'onProgress'> {
  const train = integer('--train', flags.train, 0, 99999);
  const test = integer('--test', flags.test, 0, 99999);
  if (train + test === 0)
    throw new UsageError('--train and --test must ask for at least one case, got 0 and 0');
  const format = oneOf('--format', flags.format, ['nifti', 'dicom'] as const);
  const orientation = flags.orientation ?? (format === 'dicom' ? 'LAS' : 'RAS');
  if (!/^[RL][AP][SI]$/.test(orientation)) {
    throw new UsageError(
      `--orientation must be three axis codes [RL][AP][SI] such as RAS or LPS, got '${orientation}'`,
    );
  }
  if (
    format === 'dicom' &&
    [...orientation].filter((code) => 'LPI'.includes(code)).length % 2 === 0
  ) {
    throw new UsageError(
      `--format dicom needs an --orientation whose axes have a negative determinant (LAS, RPS, RAI, LPI) — a series is read back in dcm2niix's layout — got '${orientation}'`,
    );
  }
  return {
    outDir: flags.out,
    train,
    test,
    seed: integer('--seed', flags.seed, 0, 0xffffffff),
    size: oneOf<SizePreset>('--size', flags.size, SIZE_PRESETS),
    gzip: flags.gz ?? false,
    force: flags.force ?? false,
    side: oneOf('--side', flags.side, ['left', 'right', 'random'] as const),
    orientation,
    format,
    spellings: oneOf('--spellings', flags.spellings, ['canonical', 'varied'] as const),
    noise: flags.noise,
    ...(flags.workers === undefined ? {} : { workers: integer('--workers', flags.workers, 0, 64) }),
  };
}

/** `ct-fracture synth --out DIR [...]`: write synthetic phantom CT scans with known labels. */
export function synthCommand(io: Io): Command {
  return new Command('synth')
    .summary('write synthetic phantom CT scans with known labels')
    .description(
      'Write a synthetic proximal-humerus CT dataset whose six characteristics are set by ' +
        'construction and measured back from the geometry, in the original project’s layout: ' +
        'DIR/train_labels.csv, DIR/test_labels.csv, DIR/new_datasets/one_side_train/*.nii, ' +
        'DIR/new_datasets/one_side_test/*.nii, plus DIR/manifest.json with every case’s labels, ' +
        'measurements (mm, degrees, %), generating parameters and greater-tuberosity region.\n\n' +
        'Scans are int16 NIfTI-1 (scl_inter −1024) with sform and qform, or with --format dicom ' +
        'CT series folders (one int16 file per slice, RescaleIntercept −1024, no patient data) that ' +
        'read back as the same volumes. The same --seed gives ' +
        'the same files on any machine and with any --workers. Progress goes to stderr; a ' +
        'non-empty DIR is refused unless --force.\n\nSizes: small ≈ 64×64×48 (demo), ' +
        'medium ≈ 128×128×96, full = clinical spacing (0.3–1.0 mm in-plane, 0.5–2.0 mm slices).',
    )
    .requiredOption('--out <dir>', 'output folder (created; must be empty unless --force)')
    .option('--train <n>', 'training cases', '64')
    .option('--test <m>', 'test cases', '32')
    .option('--seed <s>', 'dataset seed (0–4294967295)', '1')
    .option('--size <preset>', `voxel grid: ${SIZE_PRESETS.join(' | ')}`, 'medium')
    .option('--gz', 'write .nii.gz instead of .nii')
    .option(
      '--force',
      'overwrite a non-empty output folder (stale scans in the split folders are removed)',
    )
    .option('--workers <k>', 'worker threads (default: cores, at most 4; 0 = main thread)')
    .option('--side <side>', 'left | right | random shoulder', 'right')
    .option(
      '--orientation <codes>',
      'voxel axis codes of the written grids, e.g. RAS, LPS (default RAS; LAS with --format dicom)',
    )
    .option(
      '--format <format>',
      'nifti (a .nii file per scan) | dicom (a CT series folder per scan, named like the file)',
      'nifti',
    )
    .option('--spellings <mode>', 'canonical | varied label spellings in the CSVs', 'canonical')
    .option('--no-noise', 'leave out CT noise')
    .option('--json', 'print the summary as one JSON document on stdout')
    .action(async (flags: SynthFlags) => {
      const options = datasetOptions(flags);
      const started = performance.now();
      const summary = await writePhantomDataset({
        ...options,
        onProgress: ({ done, total, record }) => {
          io.err(`synth: ${done}/${total} ${record.split} ${record.patientId}\n`);
        },
      });
      const seconds = (performance.now() - started) / 1000;
      if (flags.json) {
        io.out(`${JSON.stringify({ ...summary, seconds: Number(seconds.toFixed(2)) })}\n`);
        return;
      }
      io.out(
        `synth: wrote ${summary.train} train + ${summary.test} test phantoms (${options.size}) to ${summary.outDir} in ${seconds.toFixed(1)} s\n`,
      );
    });
}
