import type { Mat4 } from '../volume';

/**
 * World coordinates (RAS+ mm) of a voxel position through an affine.
 * @param affine - voxel → world 4 × 4.
 * @param ijk - voxel indices (fractional positions allowed); voxel centres are integers.
 * @example
 * ```ts
 * voxelToWorld(volume.affine, [0, 0, 0]); // the centre of the first voxel, in mm
 * ```
 */
export function voxelToWorld(
  affine: Mat4,
  ijk: readonly [number, number, number],
): [number, number, number] {
  const [i, j, k] = ijk;
  const row = (r: number) =>
    affine[r]![0]! * i + affine[r]![1]! * j + affine[r]![2]! * k + affine[r]![3]!;
  return [row(0), row(1), row(2)];
}
