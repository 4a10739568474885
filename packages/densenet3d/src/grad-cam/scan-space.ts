import {
  reorientToRas,
  resampleOntoGrid,
  resampleToSpacing,
  resizeVolume,
  type Volume,
  windowIntensity,
} from '@ct-fracture/nifti-io';
import type { CheckpointPreprocessing } from '../checkpoint/metadata';

/**
 * A scan as the checkpoint's model sees it: (reorientation to the closest RAS) → (respacing,
 * trilinear) → intensity window → resize to `size` — the trainer's and `predict`'s order. Pure:
 * the result's `affine` places the model grid in the scan's world, which is what maps a
 * model-space heatmap back onto the scan ({@link heatmapToScanSpace}).
 * @param scan - the scan in HU as read (`readNifti`).
 * @returns the model input volume (`shape` = `preprocessing.size`).
 * @throws {NiftiError} from `@ct-fracture/nifti-io` for a degenerate affine or bad options.
 * @example
 * const { volume: scan } = await readNifti('scan.nii.gz');
 * const input = preprocessForCheckpoint(scan, metadata.preprocessing);
 * const x = tf.tensor5d(input.data, [1, ...input.shape, 1]);
 */
export function preprocessForCheckpoint(
  scan: Volume,
  preprocessing: CheckpointPreprocessing,
): Volume {
  let volume = scan;
  if (preprocessing.reorientToRas) volume = reorientToRas(volume);
  if (preprocessing.spacingMm !== null) {
    volume = resampleToSpacing(volume, { spacingMm: preprocessing.spacingMm, mode: 'trilinear' });
  }
  volume = windowIntensity(volume, {
    windowHu: preprocessing.windowHu,
    outputRange: preprocessing.outputRange,
  });
  return resizeVolume(volume, { shape: preprocessing.size, mode: preprocessing.resizeMode });
}

/**
 * A model-space heatmap on the scan's own voxel grid: every scan voxel centre is mapped to
 * world and into the model grid through the two affines, and the heatmap is sampled there
 * trilinearly (`resampleOntoGrid`) — this undoes the resize, the respacing and the
 * reorientation at once, whatever the scan's orientation (oblique, LPS, …). Scan voxels outside
 * the model grid's field of view get 0.
 * @param heatmap - values on the model grid, with the model input's affine (as
 *   {@link preprocessForCheckpoint} returns it).
 * @param scan - the scan's `shape` and `affine`.
 * @returns a volume with the scan's shape and affine, ready for `writeNifti`.
 * @throws {NiftiError} `degenerate-affine` when an affine cannot be inverted.
 * @example
 * const inScan = heatmapToScanSpace({ ...input, data: cam.heatmap }, scan);
 * await writeNifti('heatmap.nii.gz', inScan); // overlays on scan.nii.gz in 3D Slicer
 */
export function heatmapToScanSpace(
  heatmap: Volume,
  scan: Pick<Volume, 'shape' | 'affine'>,
): Volume {
  return resampleOntoGrid(heatmap, { shape: scan.shape, affine: scan.affine }, { fill: 0 });
}
