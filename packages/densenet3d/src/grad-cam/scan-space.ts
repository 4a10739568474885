import { resampleOntoGrid, type Volume } from '@ct-fracture/nifti-io';

/**
 * A model-space heatmap on the scan's own voxel grid: every scan voxel centre is mapped to
 * world and into the model grid through the two affines, and the heatmap is sampled there
 * trilinearly (`resampleOntoGrid`) — this undoes the resize, the respacing and the
 * reorientation at once, whatever the scan's orientation (oblique, LPS, …). Scan voxels outside
 * the model grid's field of view get 0.
 * @param heatmap - values on the model grid, with the model input's affine (as
 *   `preprocessVolume` of `@ct-fracture/nifti-io` returns it).
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
