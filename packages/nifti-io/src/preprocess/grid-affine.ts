import { multiply4 } from '../affine/mat4';
import type { Mat4, Vec3 } from '../volume';

/**
 * The affine of a new voxel grid whose voxel `o` sits at old voxel `scale · o + offset`
 * along each axis: `affine · [diag(scale), offset]`.
 */
export function gridAffine(affine: Mat4, scale: Vec3, offset: Vec3): Mat4 {
  return multiply4(affine, [
    [scale[0], 0, 0, offset[0]],
    [0, scale[1], 0, offset[1]],
    [0, 0, scale[2], offset[2]],
    [0, 0, 0, 1],
  ]);
}
