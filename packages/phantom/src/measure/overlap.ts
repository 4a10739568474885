import type { BoneModel } from '../anatomy/bone-model';
import type { FracturePlan } from '../fracture/fracture-plan';
import { applyPoint, applyVector, invert } from '../math/rigid';
import { cross, dot, perpendicular, type Vec3 } from '../math/vec3';

/**
 * Overlap of the head fragment's and the shaft's cross-sections at the
 * surgical-neck fracture, as a fraction of the shaft's cross-section: every
 * bone point of the shaft's fracture face (a grid of `stepMm`) is projected
 * along the displaced shaft's axis onto the head fragment's displaced
 * fracture face, and counts when it lands on bone there. 1 when the neck is
 * not broken. Thresholds: ≥ 0.25 none, 0.05–0.25 substantial, ≤ 0.05 complete.
 * @example
 * measureOverlap(bone, plan); // 0.14 → substantial translation
 */
export function measureOverlap(bone: BoneModel, plan: FracturePlan, stepMm = 0.75): number {
  const neck = plan.neck;
  if (neck === null) return 1;
  const plane = neck.planes[0]!;
  const n = plane.normal;
  const shaftFace = plane.offset - neck.gapMm / 2;
  const headFace = plane.offset + neck.gapMm / 2;
  const e1 = perpendicular(n);
  const e2 = cross(n, e1);
  // Where the shaft's axis (native z) crosses the shaft's fracture face.
  const origin: Vec3 = [0, 0, shaftFace / n[2]];
  const axisWorld = applyVector(plan.shaftMotion, n);
  const faceNormalWorld = applyVector(plan.headMotion, n);
  const facePointWorld = applyPoint(plan.headMotion, [
    n[0] * headFace,
    n[1] * headFace,
    n[2] * headFace,
  ]);
  const denominator = dot(faceNormalWorld, axisWorld);
  const headInverse = invert(plan.headMotion);
  const reach =
    Math.max(bone.bounds.max[0] - bone.bounds.min[0], bone.bounds.max[1] - bone.bounds.min[1]) / 2;
  let total = 0;
  let hits = 0;
  for (let a = -reach; a <= reach; a += stepMm) {
    for (let b = -reach; b <= reach; b += stepMm) {
      const q: Vec3 = [
        origin[0] + a * e1[0] + b * e2[0],
        origin[1] + a * e1[1] + b * e2[1],
        origin[2] + a * e1[2] + b * e2[2],
      ];
      if (bone.distance(q[0], q[1], q[2]) > 0) continue;
      total++;
      if (Math.abs(denominator) < 1e-6) continue;
      const p = applyPoint(plan.shaftMotion, q);
      const lambda =
        dot(faceNormalWorld, [
          facePointWorld[0] - p[0],
          facePointWorld[1] - p[1],
          facePointWorld[2] - p[2],
        ]) / denominator;
      const hit = applyPoint(headInverse, [
        p[0] + lambda * axisWorld[0],
        p[1] + lambda * axisWorld[1],
        p[2] + lambda * axisWorld[2],
      ]);
      if (bone.distance(hit[0], hit[1], hit[2]) <= 0) hits++;
    }
  }
  return total === 0 ? 0 : hits / total;
}
