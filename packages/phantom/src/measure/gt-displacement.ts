import type { Anatomy } from '../anatomy/anatomy';
import type { BoneModel } from '../anatomy/bone-model';
import type { FracturePlan } from '../fracture/fracture-plan';
import { bonePointsInRegion, centroid } from '../fracture/region-points';
import { applyPoint } from '../math/rigid';
import { norm, sub, type Vec3 } from '../math/vec3';
import { compileRegion, proximalSide } from '../scene/region';

/**
 * Native bone points of the greater tuberosity (the plan's GT region, minus
 * its fracture gap when it is a separate fragment), on a `stepMm` grid.
 * @example
 * const points = greaterTuberosityPoints(bone, anatomy, plan);
 */
export function greaterTuberosityPoints(
  bone: BoneModel,
  anatomy: Anatomy,
  plan: FracturePlan,
  stepMm = 1.5,
): Vec3[] {
  const gt = plan.greaterTuberosity;
  const cut = gt.separate ? gt : { ...gt, gapMm: 0 };
  const inside = plan.neck === null ? [cut] : [cut, proximalSide(plan.neck)];
  const region = compileRegion(inside, []);
  const top = anatomy.head.centre[2] + anatomy.head.radiiMm[2] + 2;
  return bonePointsInRegion(
    bone,
    region,
    {
      min: [bone.bounds.min[0], bone.bounds.min[1], anatomy.surgicalNeckZMm],
      max: [bone.bounds.max[0], bone.bounds.max[1], top],
    },
    stepMm,
  );
}

/**
 * Displacement of the greater-tuberosity fragment's centroid from where it
 * belongs on the head fragment, mm (0 when it is not a separate fragment).
 * Label: ≥ 10 mm → displaced.
 * @param points - from {@link greaterTuberosityPoints}.
 * @example
 * measureGtDisplacementMm(points, plan) >= 10;
 */
export function measureGtDisplacementMm(points: readonly Vec3[], plan: FracturePlan): number {
  if (!plan.greaterTuberosity.separate) return 0;
  const c = centroid(points);
  return norm(sub(applyPoint(plan.greaterTuberosity.motion, c), c));
}
