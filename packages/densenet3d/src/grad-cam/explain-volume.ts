import { type PreprocessOptions, preprocessVolume, type Volume } from '@ct-fracture/nifti-io';
import * as tf from '@tensorflow/tfjs-core';
import type { DenseNet3d } from '../model/dense-net-3d';
import { type GradCamOptions, type GradCamResult, gradCam } from './grad-cam';
import { type HeatmapMaximum, heatmapMaximum } from './heatmap-maximum';
import { heatmapToScanSpace } from './scan-space';

/** A Grad-CAM of one scan, on the model grid and on the scan's own grid. */
export interface VolumeExplanation {
  /** The Grad-CAM itself (layer map, input-size map, class, score, probabilities). */
  gradCam: GradCamResult;
  /** The model input (preprocessed scan) with the model grid's affine. */
  modelInput: Volume;
  /** The normalised heatmap on the model grid (the model input's shape and affine). */
  modelHeatmap: Volume;
  /** The heatmap on the scan's voxel grid (its shape and affine): write it with `writeNifti`. */
  scanHeatmap: Volume;
  /** The maximum of `scanHeatmap` (scan voxel and world mm). */
  maximum: HeatmapMaximum;
  /** The maximum of `modelHeatmap` (model voxel and world mm). */
  modelMaximum: HeatmapMaximum;
}

/**
 * Grad-CAM of a scan, in the scan's own space: preprocesses it as the checkpoint says
 * (`preprocessVolume` of `@ct-fracture/nifti-io`), runs {@link gradCam}, and maps the heatmap back onto the
 * scan's voxels ({@link heatmapToScanSpace}). No file access (the scan is given); every tensor is
 * disposed. In Node import `@ct-fracture/densenet3d/register-gradients` once first.
 * @param scan - the scan in HU as read (`readNifti(...).volume`).
 * @param preprocessing - the checkpoint's preprocessing (`metadata.preprocessing`).
 * @throws DenseNetError as {@link gradCam}; NiftiError for a degenerate affine.
 * @example
 * const { model, metadata } = await loadCheckpoint('ckpt');
 * const { volume: scan } = await readNifti('scan.nii.gz');
 * const explained = await explainVolume(model, scan, metadata.preprocessing, {
 *   task: 'gt_displacement', className: 'yes',
 * });
 * await writeNifti('gradcam.nii.gz', explained.scanHeatmap);
 * console.log(explained.maximum.worldMm);
 */
export async function explainVolume(
  model: DenseNet3d,
  scan: Volume,
  preprocessing: PreprocessOptions,
  options: GradCamOptions,
): Promise<VolumeExplanation> {
  const modelInput = preprocessVolume(scan, preprocessing);
  const x = tf.tensor5d(modelInput.data, [1, ...modelInput.shape, 1]);
  let result: GradCamResult;
  try {
    result = await gradCam(model, x, options);
  } finally {
    x.dispose();
  }
  const modelHeatmap: Volume = { ...modelInput, data: result.heatmap };
  const scanHeatmap = heatmapToScanSpace(modelHeatmap, scan);
  return {
    gradCam: result,
    modelInput,
    modelHeatmap,
    scanHeatmap,
    maximum: heatmapMaximum(scanHeatmap),
    modelMaximum: heatmapMaximum(modelHeatmap),
  };
}
