export type { Mat4, Vec3, Volume } from '@ct-fracture/core';

/** The number of voxels of a shape (the product of its extents). */
export function voxelCount(shape: readonly number[]): number {
  let count = 1;
  for (const extent of shape) count *= extent;
  return count;
}
