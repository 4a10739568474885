import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { ORIGINAL_LAYOUT } from '@ct-fracture/core';
import packageJson from '../../package.json';
import type { Side } from '../case/case-geometry';
import type { CaseRecord, TaskLabels } from '../case/case-record';
import { PhantomError } from '../errors/phantom-error';
import { type ClassFrequencies, resolveClassFrequencies } from '../labels/class-frequencies';
import { LABEL_THRESHOLDS } from '../measure/measure-case';
import {
  type AxisCodes,
  parseAxisCodes,
  SIZE_PRESETS,
  type SizePreset,
} from '../raster/image-grid';
import { writeTextAtomic } from './atomic-file';
import { type CsvColumn, labelCsv, type SpellingMode } from './label-spellings';
import { planDataset } from './plan-dataset';
import { prepareOutput } from './prepare-output';
import { runCases } from './run-cases';

/** Options of {@link writePhantomDataset}; everything but `outDir` has a default. */
export interface PhantomDatasetOptions {
  outDir: string;
  /** Training cases (default 64). */
  train?: number;
  /** Test cases (default 32). */
  test?: number;
  /** Dataset seed (default 1): the same seed gives the same files on any machine. */
  seed?: number;
  /** Voxel grid preset (default `'medium'`, ≈ 128×128×96). */
  size?: SizePreset;
  /** Write `.nii.gz` instead of `.nii` (default false, as the original project). */
  gzip?: boolean;
  /**
   * Scans as NIfTI files (default) or as DICOM CT series folders named like them
   * (`one_side_train/phantom0001/`). A series is read back in dcm2niix's voxel layout, so
   * `'dicom'` needs an orientation whose axes have a negative determinant (default `'LAS'`).
   */
  format?: 'nifti' | 'dicom';
  /** Overwrite a non-empty output folder (default false). */
  force?: boolean;
  /** Axis codes of the written grids (default `'RAS'`). */
  orientation?: string;
  /** Which shoulder (default `'right'`), or `'random'` per case. */
  side?: Side | 'random';
  /** Label spellings (default `'canonical'`); `'varied'` exercises a label parser. */
  spellings?: SpellingMode;
  /** Class frequencies, merged over the defaults. */
  frequencies?: Partial<ClassFrequencies>;
  /** Worker threads (default: available cores, at most 4; 0 = this thread). */
  workers?: number;
  /** Add CT noise (default true). */
  noise?: boolean;
  /** Called after each case is written. */
  onProgress?: (event: { done: number; total: number; record: CaseRecord }) => void;
}

/** Per split and task, how many cases have each class. */
export type ClassCounts = Record<
  'train' | 'test',
  Record<keyof TaskLabels, Record<string, number>>
>;

/** What {@link writePhantomDataset} wrote. */
export interface PhantomDatasetSummary {
  outDir: string;
  train: number;
  test: number;
  /** Every file written, relative to `outDir`. */
  files: string[];
  classCounts: ClassCounts;
}

function countClasses(records: readonly CaseRecord[]): ClassCounts {
  const counts = { train: {}, test: {} } as ClassCounts;
  for (const record of records) {
    const split = counts[record.split];
    for (const [task, value] of Object.entries(record.labels) as [keyof TaskLabels, string][]) {
      split[task] ??= {};
      split[task][value] = (split[task][value] ?? 0) + 1;
    }
  }
  return counts;
}

/**
 * Writes a phantom dataset in the original project's layout:
 * `train_labels.csv`, `test_labels.csv`, `new_datasets/one_side_train/*.nii`,
 * `new_datasets/one_side_test/*.nii` and `manifest.json` (every case's labels,
 * measured characteristics, generating parameters and regions). Scans are
 * int16 NIfTI-1 (scl_inter −1024), sform and qform set. Every file is written
 * atomically; the CSVs and manifest last, so a dataset with a manifest is
 * complete.
 * @throws {PhantomError} `invalid-option` (naming it), `output-exists` (non-empty
 *   folder without `force`), `generation-failed`, `io`.
 * @example
 * const summary = await writePhantomDataset({ outDir: 'data/phantoms', train: 8, test: 4, size: 'small' });
 */
export async function writePhantomDataset(
  options: PhantomDatasetOptions,
): Promise<PhantomDatasetSummary> {
  const size = options.size ?? 'medium';
  if (!SIZE_PRESETS.includes(size)) {
    throw new PhantomError({
      code: 'invalid-option',
      option: 'size',
      value: String(size),
      message: `must be one of ${SIZE_PRESETS.join(', ')}, got '${size}'`,
    });
  }
  const format = options.format ?? 'nifti';
  if (format !== 'nifti' && format !== 'dicom') {
    throw new PhantomError({
      code: 'invalid-option',
      option: 'format',
      value: String(format),
      message: `must be nifti or dicom, got '${format}'`,
    });
  }
  const orientation: AxisCodes = parseAxisCodes(
    options.orientation ?? (format === 'dicom' ? 'LAS' : 'RAS'),
  );
  const negatives = [...orientation].filter((code) => 'LPI'.includes(code)).length;
  if (format === 'dicom' && negatives % 2 === 0) {
    throw new PhantomError({
      code: 'invalid-option',
      option: 'orientation',
      value: orientation,
      message: `a DICOM series is read in dcm2niix's voxel layout, whose axes have a negative determinant (LAS, RPS, RAI, LPI); ${orientation} would read back with k reversed, got '${orientation}'`,
    });
  }
  const side = options.side ?? 'right';
  if (!['left', 'right', 'random'].includes(side)) {
    throw new PhantomError({
      code: 'invalid-option',
      option: 'side',
      value: side,
      message: `must be left, right or random, got '${side}'`,
    });
  }
  const spellings = options.spellings ?? 'canonical';
  if (spellings !== 'canonical' && spellings !== 'varied') {
    throw new PhantomError({
      code: 'invalid-option',
      option: 'spellings',
      value: spellings,
      message: `must be canonical or varied, got '${spellings}'`,
    });
  }
  const workers = options.workers ?? Math.min(4, availableParallelism());
  if (!Number.isInteger(workers) || workers < 0) {
    throw new PhantomError({
      code: 'invalid-option',
      option: 'workers',
      value: String(workers),
      message: `must be a whole number ≥ 0, got ${workers}`,
    });
  }
  const frequencies = resolveClassFrequencies(options.frequencies);
  const plan = {
    train: options.train ?? 64,
    test: options.test ?? 32,
    seed: options.seed ?? 1,
    side,
    gzip: options.gzip ?? false,
    format,
    spellings,
    frequencies,
  };
  const specs = planDataset(plan);
  if (specs.length === 0) {
    throw new PhantomError({
      code: 'invalid-option',
      option: 'train',
      value: '0',
      message: 'a dataset must have at least one case (train + test ≥ 1), got 0',
    });
  }
  const root = resolve(options.outDir);
  await prepareOutput(
    root,
    Object.values(ORIGINAL_LAYOUT).map((split) => split.scans),
    new Set(specs.map((spec) => spec.file)),
    options.force ?? false,
  );
  const caseOptions = { size, orientation, spellings, noise: options.noise ?? true, format };
  const records = await runCases(specs, caseOptions, root, workers, (record, done, total) =>
    options.onProgress?.({ done, total, record }),
  );
  for (const split of ['train', 'test'] as const) {
    const rows = records
      .filter((record) => record.split === split)
      .map((record) => record.csv as Record<CsvColumn, string>);
    await writeTextAtomic(join(root, ORIGINAL_LAYOUT[split].csv), labelCsv(rows));
  }
  const classCounts = countClasses(records);
  const manifest = {
    format: 'ct-fracture-phantom-manifest',
    formatVersion: 1,
    generator: { package: packageJson.name, version: packageJson.version },
    options: { ...plan, size, orientation, noise: caseOptions.noise },
    storage:
      format === 'dicom'
        ? {
            format: 'dicom',
            transferSyntax: '1.2.840.10008.1.2.1',
            datatype: 'int16',
            rescaleSlope: 1,
            rescaleIntercept: -1024,
          }
        : { datatype: 'int16', sclSlope: 1, sclInter: -1024, sform: 'aligned', qform: 'aligned' },
    labelThresholds: LABEL_THRESHOLDS,
    classCounts,
    cases: records,
  };
  await writeTextAtomic(join(root, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  return {
    outDir: root,
    train: plan.train,
    test: plan.test,
    files: [
      ...specs.map((spec) => spec.file),
      ORIGINAL_LAYOUT.train.csv,
      ORIGINAL_LAYOUT.test.csv,
      'manifest.json',
    ],
    classCounts,
  };
}
