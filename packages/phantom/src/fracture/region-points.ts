import type { BoneModel, Bounds } from '../anatomy/bone-model';
import type { Vec3 } from '../math/vec3';
import type { RegionDistance } from '../scene/region';

/**
 * Grid points (spacing `stepMm`) inside both the bone and a region, within
 * `bounds`: a cheap, deterministic sample of a fragment for centroids,
 * extents and collision checks.
 * @example
 * const points = bonePointsInRegion(bone, region, bone.bounds, 1.5);
 */
export function bonePointsInRegion(
  bone: BoneModel,
  region: RegionDistance,
  bounds: Bounds,
  stepMm: number,
): Vec3[] {
  const points: Vec3[] = [];
  for (let x = bounds.min[0] + stepMm / 2; x < bounds.max[0]; x += stepMm) {
    for (let y = bounds.min[1] + stepMm / 2; y < bounds.max[1]; y += stepMm) {
      for (let z = bounds.min[2] + stepMm / 2; z < bounds.max[2]; z += stepMm) {
        if (region(x, y, z) <= 0 && bone.distance(x, y, z) <= 0) points.push([x, y, z]);
      }
    }
  }
  return points;
}

/** The mean of points (the origin for none). */
export function centroid(points: readonly Vec3[]): Vec3 {
  const sum: Vec3 = [0, 0, 0];
  for (const p of points) {
    sum[0] += p[0];
    sum[1] += p[1];
    sum[2] += p[2];
  }
  const n = Math.max(points.length, 1);
  return [sum[0] / n, sum[1] / n, sum[2] / n];
}
