import {
  type CheckpointMetadata,
  type DenseNet3d,
  explainVolume,
  explanationFileStem,
  taskDecision,
  type VolumeExplanation,
} from '@ct-fracture/densenet3d';
import { encodeNifti, type Volume } from '@ct-fracture/nifti-io';

/** What the page asks Grad-CAM for. */
export interface ExplainRequest {
  task: string;
  /** A class name, or undefined for the predicted class (the CLI's default). */
  className?: string;
  /** A stage name, or undefined for the last dense block (the CLI's default). */
  layer?: string;
}

/** A Grad-CAM in the scan's space, and the NIfTI `ct-fracture explain` writes for it. */
export interface PageExplanation {
  explanation: VolumeExplanation;
  /** `<scan>_<task>_<class>_gradcam.nii.gz`, as `explain` names it. */
  fileName: string;
  /** The heatmap on the scan's grid as a gzipped float32 NIfTI-1 with the scan's affine. */
  nifti: Uint8Array;
}

/**
 * Grad-CAM of the scan for one task, class and layer with `explainVolume` — the computation
 * `ct-fracture explain` runs (the checkpoint's preprocessing, its temperature and operating
 * point for the default class), mapped back onto the scan's voxels — and the heatmap encoded as
 * the float32 `.nii.gz` `explain` writes. Every tensor is disposed.
 * @throws DenseNetError for an unknown task, class or layer.
 */
export async function explainTask(
  model: DenseNet3d,
  metadata: CheckpointMetadata,
  scan: Volume,
  scanName: string,
  request: ExplainRequest,
): Promise<PageExplanation> {
  const explanation = await explainVolume(model, scan, metadata.preprocessing, {
    task: request.task,
    className: request.className,
    layer: request.layer,
    decision: taskDecision(metadata, request.task),
  });
  const { className } = explanation.gradCam;
  const nifti = await encodeNifti(explanation.scanHeatmap, { datatype: 'float32', compress: true });
  const fileName = `${explanationFileStem(scanName, request.task, className)}.nii.gz`;
  return { explanation, fileName, nifti };
}
