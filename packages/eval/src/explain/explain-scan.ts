import { probabilitiesFromLogits } from '@ct-fracture/core';
import {
  type CheckpointMetadata,
  type DenseNet3d,
  explainVolume,
  type GradCamMethod,
  taskDecision,
  type VolumeExplanation,
} from '@ct-fracture/densenet3d';
import type { Volume } from '@ct-fracture/nifti-io';
import { readNifti } from '@ct-fracture/nifti-io/node';
import { EvaluationError } from '../errors/evaluation-error';
import { type Mosaic, type MosaicOptions, renderGradCamMosaic } from './render-mosaic';

/** What {@link explainScan} explains. */
export interface ExplainScanInput {
  model: DenseNet3d;
  /**
   * The checkpoint's metadata: its `preprocessing` is applied to the scan; its calibration and
   * operating points (when present) give the probabilities and the default class.
   */
  metadata: Pick<CheckpointMetadata, 'preprocessing' | 'calibration' | 'operatingPoints'>;
  /**
   * A `.nii` / `.nii.gz` scan path, its bytes (then `scanName` names it), or a volume already read
   * (a DICOM series read by the caller; then `scanName` names it too).
   */
  scan: string | Uint8Array | Volume;
  /** Where the scan was read from, named in errors (default: `scan` when it is a path). */
  scanFile?: string;
  /** A name for the scan in titles and file names (default: the file's base name). */
  scanName?: string;
  task: string;
  /** Class name; default the predicted class (at the task's operating point, if any). */
  className?: string;
  /** Temperature-scaled probabilities in the summary (default true); false: the raw ones. */
  calibrated?: boolean;
  /** Grad-CAM stage (default the last dense block). */
  layer?: string;
  method?: GradCamMethod;
  /** Mosaic options (title and subtitle default to a description of the explanation). */
  mosaic?: MosaicOptions;
}

/** A scan's Grad-CAM: the volumes, where it peaks, and the PNG mosaic. */
export interface ScanExplanation extends VolumeExplanation {
  /** The scan as read (HU). */
  scan: Volume;
  scanName: string;
  /** The overlay mosaic (axial, coronal, sagittal). */
  mosaic: Mosaic;
  /** A JSON-ready summary (what `ct-fracture explain` writes beside the NIfTI). */
  summary: ExplanationSummary;
}

/** The JSON summary of an explanation. */
export interface ExplanationSummary {
  scan: string;
  task: string;
  class: string;
  /** The class probability for this scan. */
  probability: number;
  probabilities: Record<string, number>;
  method: GradCamMethod;
  layer: string;
  /** The differentiated score (class logit; −logit for a binary negative class). */
  score: number;
  /** Resolution of the layer map `[d, h, w]` and of the model input `[D, H, W]`. */
  layerShape: [number, number, number];
  modelShape: [number, number, number];
  /** The maximum on the scan's grid: voxel `[i, j, k]` and world RAS+ mm. */
  maxVoxel: [number, number, number];
  maxWorldMm: [number, number, number];
  maxValue: number;
  /** The maximum on the model grid, in world RAS+ mm (before resampling onto the scan). */
  modelMaxWorldMm: [number, number, number];
}

/** The base name of a scan path without `.nii` / `.nii.gz`. */
export function scanBaseName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.nii(\.gz)?$/i, '');
}

const round = (values: readonly number[], digits = 3) =>
  values.map((value) => Number(value.toFixed(digits))) as [number, number, number];

/**
 * The heatmap is mapped back onto the scan through its affine: a NaN or ±∞ entry (a damaged
 * sform/qform) is refused here, naming the file, rather than deep in the resampling.
 * @throws {@link EvaluationError} `invalid-input` naming the file, row and column.
 */
function checkScanAffine(affine: readonly (readonly number[])[], file: string): void {
  for (const [row, values] of affine.entries()) {
    const column = values.findIndex((value) => !Number.isFinite(value));
    if (column >= 0) {
      throw new EvaluationError({
        code: 'invalid-input',
        file,
        value: String(values[column]),
        message: `the scan's affine (sform, else qform) must be finite to place the heatmap on the scan, got ${values[column]} at row ${row}, column ${column}`,
      });
    }
  }
}

/**
 * Grad-CAM of one scan file with a checkpoint's model, in the scan's own space, plus the PNG
 * mosaic and a JSON summary: reads the scan, preprocesses it as the checkpoint says, runs
 * Grad-CAM / Grad-CAM++ (`@ct-fracture/densenet3d`'s `explainVolume`), maps the heatmap back
 * onto the scan's voxels and renders {@link renderGradCamMosaic}. In Node, import
 * `@ct-fracture/densenet3d/register-gradients` once first. Every tensor is disposed.
 * @throws NiftiError for an unreadable scan; EvaluationError `invalid-input` for a scan whose
 *   affine is not finite; DenseNetError for a bad task, class, layer or method.
 * @example
 * ```ts
 * const { model, metadata } = await loadCheckpoint('ckpt');
 * const explained = await explainScan({ model, metadata, scan: 'case1.nii.gz', task: 'gt_displacement', className: 'yes' });
 * await writeExplanation('out', explained); // NIfTI + PNG + JSON
 * ```
 */
export async function explainScan(input: ExplainScanInput): Promise<ScanExplanation> {
  const scanName =
    input.scanName ?? (typeof input.scan === 'string' ? scanBaseName(input.scan) : 'scan');
  const scan =
    typeof input.scan === 'string' || input.scan instanceof Uint8Array
      ? (await readNifti(input.scan)).volume
      : input.scan;
  checkScanAffine(
    scan.affine,
    input.scanFile ?? (typeof input.scan === 'string' ? input.scan : scanName),
  );
  const explained = await explainVolume(input.model, scan, input.metadata.preprocessing, {
    task: input.task,
    className: input.className,
    layer: input.layer,
    method: input.method,
    decision: taskDecision(input.metadata, input.task),
  });
  const cam = explained.gradCam;
  const head = input.model.config.heads.find((h) => h.task === cam.task)!;
  const shown =
    (input.calibrated ?? true) ? cam.probabilities : probabilitiesFromLogits(head.kind, cam.logits);
  const probabilities = Object.fromEntries(
    head.classes.map((name, index) => [name, shown[index]!]),
  );
  const summary: ExplanationSummary = {
    scan: scanName,
    task: cam.task,
    class: cam.className,
    probability: shown[cam.classIndex]!,
    probabilities,
    method: cam.method,
    layer: cam.layer,
    score: cam.score,
    layerShape: cam.layerShape,
    modelShape: cam.shape,
    maxVoxel: explained.maximum.voxel,
    maxWorldMm: round(explained.maximum.worldMm),
    maxValue: explained.maximum.value,
    modelMaxWorldMm: round(explained.modelMaximum.worldMm),
  };
  const [x, y, z] = summary.maxWorldMm;
  const mosaic = await renderGradCamMosaic(scan, explained.scanHeatmap, {
    title: `${scanName}: ${cam.task} = ${cam.className} (p = ${summary.probability.toFixed(3)})`,
    subtitle: `${cam.method === 'gradcam' ? 'Grad-CAM' : 'Grad-CAM++'} on ${cam.layer} (${cam.layerShape.join('×')} → ${cam.shape.join('×')}); maximum at voxel [${summary.maxVoxel.join(', ')}] = (${x}, ${y}, ${z}) mm RAS`,
    ...input.mosaic,
  });
  return { ...explained, scan, scanName, mosaic, summary };
}
