import { join } from 'node:path';
import { explanationFileStem } from '@ct-fracture/densenet3d';
import { writeNifti } from '@ct-fracture/nifti-io/node';
import { writeEvaluationFile } from '../write-file';
import type { ScanExplanation } from './explain-scan';

/** The files {@link writeExplanation} wrote (absolute or relative as `out` was given). */
export interface ExplanationFiles {
  /** `<scan>_<task>_<class>_gradcam.nii.gz`: float32, the scan's affine (sform and qform). */
  nifti: string;
  /** `<scan>_<task>_<class>_gradcam.png`: the overlay mosaic. */
  png: string;
  /** `<scan>_<task>_<class>_gradcam.json`: the summary (maximum in voxel and world mm, …). */
  json: string;
}

/**
 * Writes an explanation: the scan-space heatmap as a float32 NIfTI with the scan's affine (so it
 * overlays on the scan in 3D Slicer / ITK-SNAP), the PNG mosaic and the JSON summary, each
 * atomically (temporary name + rename), into `out` (created if needed).
 * @throws NiftiError / {@link EvaluationError} `io` when a file cannot be written.
 * @example
 * ```ts
 * const files = await writeExplanation('out', await explainScan({ ... }));
 * ```
 */
export async function writeExplanation(
  out: string,
  explanation: ScanExplanation,
): Promise<ExplanationFiles> {
  const { summary } = explanation;
  const stem = join(out, explanationFileStem(summary.scan, summary.task, summary.class));
  const files: ExplanationFiles = {
    nifti: `${stem}.nii.gz`,
    png: `${stem}.png`,
    json: `${stem}.json`,
  };
  await writeEvaluationFile(files.png, explanation.mosaic.png);
  await writeEvaluationFile(files.json, `${JSON.stringify(summary, null, 2)}\n`);
  await writeNifti(files.nifti, explanation.scanHeatmap, { datatype: 'float32' });
  return files;
}
