/**
 * The largest scan the viewer opens: 2^28 voxels (1 GiB as float32, which the model input,
 * NiiVue's copy and the heatmap each need again) — a 512 × 512 × 1024 CT. Larger ones are
 * refused before any voxel is read.
 */
export const MAX_SCAN_VOXELS = 2 ** 28;

/**
 * Why a scan of this shape cannot be opened here, or undefined when it can.
 * @param shape - the image's dimensions (NIfTI `dim[1..]`, or a series' columns × rows × slices).
 * @example
 * scanShapeProblem([512, 512, 300]); // undefined
 * scanShapeProblem([64, 64, 30, 10]); // 'a 4D image (64×64×30×10): …'
 */
export function scanShapeProblem(shape: readonly number[]): string | undefined {
  const frames = shape.slice(3).reduce((product, extent) => product * extent, 1);
  if (frames > 1) {
    return `a 4D image (${shape.join('×')}): the viewer reads one 3D CT volume — save one frame as its own file first`;
  }
  const voxels = shape.slice(0, 3).reduce((product, extent) => product * extent, 1);
  if (voxels > MAX_SCAN_VOXELS) {
    const gib = (voxels * 4) / 2 ** 30;
    return `too large for this viewer: ${shape.slice(0, 3).join('×')} = ${voxels} voxels (${gib.toFixed(1)} GiB as float32), at most ${MAX_SCAN_VOXELS} voxels — crop or downsample it first`;
  }
  return undefined;
}
