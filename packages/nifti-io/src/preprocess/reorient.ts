import { multiply4 } from '../affine/mat4';
import { type AxisOrientation, ioOrientation } from '../affine/orientation';
import { NiftiError } from '../errors/nifti-error';
import type { Mat4, Vec3, Volume } from '../volume';
import { checkVolume } from './check-options';

/** A complete orientation: every voxel axis has a world axis and a direction. */
export type FullOrientation = [number, 1 | -1][];

/**
 * The orientation of an affine for reorientation, as nibabel's `io_orientation`.
 * @throws {NiftiError} `degenerate-affine` when a voxel axis has no direction.
 */
export function fullOrientation(affine: Mat4): FullOrientation {
  const orientation: AxisOrientation = ioOrientation(affine);
  if (orientation.some((axis) => axis === null)) {
    throw new NiftiError({
      code: 'degenerate-affine',
      field: 'affine',
      value: affine,
      message:
        'every voxel axis of the affine must point somewhere to reorient; a column is zero or not finite',
    });
  }
  return orientation as FullOrientation;
}

/** The shape after reorientation: output axis `orientation[a][0]` gets input axis `a`. */
export function reorientedShape(shape: Vec3, orientation: FullOrientation): Vec3 {
  const out: Vec3 = [1, 1, 1];
  orientation.forEach(([axis], input) => {
    out[axis] = shape[input]!;
  });
  return out;
}

/**
 * nibabel's `inv_ornt_aff`: the affine from reoriented voxel indices back to the original
 * ones (undo the transpose, then undo the flips about the centre).
 */
function inverseOrientationAffine(orientation: FullOrientation, shape: Vec3): Mat4 {
  const undoReorder: Mat4 = orientation.map(([axis]) => {
    const row = [0, 0, 0, 0];
    row[axis] = 1;
    return row;
  });
  undoReorder.push([0, 0, 0, 1]);
  const undoFlip: Mat4 = orientation.map(([, flip], input) => {
    const row = [0, 0, 0, 0];
    row[input] = flip;
    row[3] = flip === -1 ? shape[input]! - 1 : 0;
    return row;
  });
  undoFlip.push([0, 0, 0, 1]);
  return multiply4(undoFlip, undoReorder);
}

/**
 * Reorients a volume to the closest canonical RAS+ voxel order (nibabel's
 * `as_closest_canonical`): axes are only permuted and flipped, never interpolated, so that
 * i → R, j → A, k → S as closely as the affine allows. The affine is updated so that every
 * voxel keeps its world position.
 * @returns a new volume; when it is already RAS the same `data` array is shared.
 * @throws {NiftiError} `degenerate-affine` when a voxel axis has no direction;
 *   `invalid-argument` when the data length does not match the shape.
 * @example
 * ```ts
 * const ras = reorientToRas(volume); // affineToAxcodes(ras.affine) === 'RAS'
 * ```
 */
export function reorientToRas(volume: Volume): Volume {
  checkVolume(volume);
  const orientation = fullOrientation(volume.affine);
  const affine = multiply4(volume.affine, inverseOrientationAffine(orientation, volume.shape));
  const identity = orientation.every(([axis, flip], input) => axis === input && flip === 1);
  if (identity) {
    return {
      data: volume.data,
      shape: [...volume.shape],
      spacingMm: [...volume.spacingMm],
      affine,
    };
  }
  const shape = reorientedShape(volume.shape, orientation);
  const spacingMm = reorientedShape(volume.spacingMm, orientation);
  const [ni, nj, nk] = volume.shape;
  const inStrides = [nj * nk, nk, 1];
  // For each output axis: the input stride it walks (negative when flipped).
  const step: Vec3 = [0, 0, 0];
  let base = 0;
  orientation.forEach(([axis, flip], input) => {
    step[axis] = flip * inStrides[input]!;
    if (flip === -1) base += (volume.shape[input]! - 1) * inStrides[input]!;
  });
  const data = new Float32Array(ni * nj * nk);
  const [ti, tj, tk] = shape;
  let out = 0;
  for (let x = 0; x < ti; x++) {
    for (let y = 0; y < tj; y++) {
      let source = base + x * step[0] + y * step[1];
      for (let z = 0; z < tk; z++, source += step[2]) data[out++] = volume.data[source]!;
    }
  }
  return { data, shape, spacingMm, affine };
}
