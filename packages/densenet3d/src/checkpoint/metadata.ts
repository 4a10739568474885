import type { LabelSpec } from '@ct-fracture/labels';
import type { PreprocessOptions } from '@ct-fracture/nifti-io';
import {
  type CheckpointCalibration,
  validateCheckpointCalibration,
} from '../calibration/calibration-metadata';
import { DenseNetError } from '../errors/densenet-error';
import { type DenseNetConfig, validateDenseNetConfig } from '../model/config';

/**
 * Contents of `ct-fracture.json`, the checkpoint's self-description; `calibration` and
 * `operatingPoints` (per task, optional) are absent in checkpoints that have none.
 */
export interface CheckpointMetadata extends CheckpointCalibration {
  format: 'ct-fracture-checkpoint';
  formatVersion: 1;
  /** The network configuration (also in model.json's `modelTopology`). */
  model: DenseNetConfig;
  /** The label specification whose tasks the heads are, in head order. */
  labelSpec: LabelSpec;
  /** The deterministic preprocessing the model expects (`preprocessVolume` of `@ct-fracture/nifti-io`). */
  preprocessing: PreprocessOptions;
  /** Where the weights came from (training run, imported file, …): free-form JSON. */
  provenance: Record<string, unknown>;
  /** Package name → version of what wrote the checkpoint. */
  packageVersions: Record<string, string>;
}

/** The original pipeline's preprocessing: window [-500, 1300] → [0, 1], resize to 128³ (area). */
export const ORIGINAL_PREPROCESSING: PreprocessOptions = {
  windowHu: [-500, 1300],
  outputRange: [0, 1],
  size: [128, 128, 128],
  reorientToRas: false,
  spacingMm: null,
  resizeMode: 'area',
};

/**
 * The largest model input a checkpoint may declare (`preprocessing.size`): 512 voxels per axis
 * and 256³ voxels in all. A 3D DenseNet's first convolution alone holds 64 × N/8 floats for N
 * input voxels (537 MB at 256³), so a larger claim is a damaged or hostile file, refused before
 * anything is allocated for it.
 */
export const MAX_INPUT_SIZE = { perAxis: 512, voxels: 256 ** 3 } as const;

function fail(file: string, message: string, value?: unknown): never {
  throw new DenseNetError({
    code: 'checkpoint-format',
    file,
    message,
    ...(value === undefined ? {} : { value: JSON.stringify(value) }),
  });
}

function numbers(value: unknown, length: number): value is number[] {
  return (
    Array.isArray(value) &&
    value.length === length &&
    value.every((item) => typeof item === 'number' && Number.isFinite(item))
  );
}

function validatePreprocessing(value: unknown, file: string): PreprocessOptions {
  if (typeof value !== 'object' || value === null)
    fail(file, 'preprocessing must be an object', value);
  const p = value as Record<string, unknown>;
  if (!numbers(p.windowHu, 2) || p.windowHu[0]! >= p.windowHu[1]!)
    fail(
      file,
      `preprocessing.windowHu must be [lo, hi] with lo < hi, got ${JSON.stringify(p.windowHu)}`,
      p.windowHu,
    );
  if (!numbers(p.outputRange, 2))
    fail(
      file,
      `preprocessing.outputRange must be [a, b], got ${JSON.stringify(p.outputRange)}`,
      p.outputRange,
    );
  if (!numbers(p.size, 3) || p.size.some((size) => !Number.isInteger(size) || size < 1)) {
    fail(
      file,
      `preprocessing.size must be 3 positive integers [D, H, W], got ${JSON.stringify(p.size)}`,
      p.size,
    );
  }
  const voxels = p.size[0]! * p.size[1]! * p.size[2]!;
  if (p.size.some((size) => size > MAX_INPUT_SIZE.perAxis) || voxels > MAX_INPUT_SIZE.voxels) {
    fail(
      file,
      `preprocessing.size must be at most ${MAX_INPUT_SIZE.perAxis} per axis and ${MAX_INPUT_SIZE.voxels} voxels (256³) in all, got ${JSON.stringify(p.size)} (${voxels} voxels)`,
      p.size,
    );
  }
  if (typeof p.reorientToRas !== 'boolean')
    fail(file, 'preprocessing.reorientToRas must be a boolean', p.reorientToRas);
  if (
    p.spacingMm !== null &&
    !(numbers(p.spacingMm, 3) && p.spacingMm.every((spacing) => spacing > 0))
  ) {
    fail(
      file,
      `preprocessing.spacingMm must be null or 3 positive numbers, got ${JSON.stringify(p.spacingMm)}`,
      p.spacingMm,
    );
  }
  if (p.resizeMode !== 'area' && p.resizeMode !== 'trilinear' && p.resizeMode !== 'nearest') {
    fail(
      file,
      `preprocessing.resizeMode must be 'area', 'trilinear' or 'nearest', got ${JSON.stringify(p.resizeMode)}`,
      p.resizeMode,
    );
  }
  return {
    windowHu: [p.windowHu[0]!, p.windowHu[1]!],
    outputRange: [p.outputRange[0]!, p.outputRange[1]!],
    size: [p.size[0]!, p.size[1]!, p.size[2]!],
    reorientToRas: p.reorientToRas,
    spacingMm: p.spacingMm === null ? null : [p.spacingMm[0]!, p.spacingMm[1]!, p.spacingMm[2]!],
    resizeMode: p.resizeMode,
  };
}

/**
 * Checks parsed `ct-fracture.json` contents: format and version, a valid model config,
 * preprocessing (an input size within {@link MAX_INPUT_SIZE}), a label specification whose tasks
 * are the heads (names, kinds and classes in order), and the optional per-task calibration and
 * operating points. The label specification's own schema is `@ct-fracture/labels`'.
 * @param file - named in errors.
 * @throws DenseNetError `checkpoint-format` naming the field at fault.
 * @example
 * const metadata = validateCheckpointMetadata(JSON.parse(text), 'ckpt/ct-fracture.json');
 */
export function validateCheckpointMetadata(value: unknown, file: string): CheckpointMetadata {
  if (typeof value !== 'object' || value === null) fail(file, 'must be a JSON object', value);
  const m = value as Record<string, unknown>;
  if (m.format !== 'ct-fracture-checkpoint')
    fail(
      file,
      `format must be 'ct-fracture-checkpoint', got ${JSON.stringify(m.format)}`,
      m.format,
    );
  if (m.formatVersion !== 1)
    fail(file, `formatVersion must be 1, got ${JSON.stringify(m.formatVersion)}`, m.formatVersion);
  let model: DenseNetConfig;
  try {
    model = validateDenseNetConfig(m.model);
  } catch (error) {
    fail(file, `model: ${(error as Error).message}`);
  }
  const spec = m.labelSpec as { tasks?: unknown } | null;
  if (typeof spec !== 'object' || spec === null || !Array.isArray(spec.tasks))
    fail(file, 'labelSpec must be an object with tasks');
  const tasks = spec.tasks as Array<{ name?: unknown; kind?: unknown; classes?: unknown }>;
  const heads = model.heads;
  if (tasks.length !== heads.length)
    fail(file, `labelSpec must have one task per head (${heads.length}), got ${tasks.length}`);
  heads.forEach((head, index) => {
    const task = tasks[index]!;
    if (
      task.name !== head.task ||
      task.kind !== head.kind ||
      JSON.stringify(task.classes) !== JSON.stringify(head.classes)
    ) {
      fail(
        file,
        `labelSpec.tasks[${index}] must match head '${head.task}' (${head.kind}, classes ${head.classes.join(',')}), got '${String(task.name)}'`,
      );
    }
  });
  const record = (field: string): Record<string, unknown> => {
    const item = m[field];
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      fail(file, `${field} must be an object`, item);
    return item as Record<string, unknown>;
  };
  return {
    format: 'ct-fracture-checkpoint',
    formatVersion: 1,
    model,
    labelSpec: m.labelSpec as LabelSpec,
    preprocessing: validatePreprocessing(m.preprocessing, file),
    provenance: record('provenance'),
    packageVersions: record('packageVersions') as Record<string, string>,
    ...validateCheckpointCalibration(m, heads, file),
  };
}
