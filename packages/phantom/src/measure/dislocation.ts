import type { Anatomy } from '../anatomy/anatomy';
import type { FracturePlan } from '../fracture/fracture-plan';
import { applyPoint } from '../math/rigid';
import { norm, sub } from '../math/vec3';

/**
 * How far the head fragment's centre sits from the centre of the glenoid
 * socket it belongs in, mm. Reduced joints are within a few mm; the
 * generator's dislocations move it ≥ 15 mm (out of the fossa).
 * @example
 * measureHeadOffsetMm(anatomy, plan) >= 15; // dislocated
 */
export function measureHeadOffsetMm(anatomy: Anatomy, plan: FracturePlan): number {
  return norm(sub(applyPoint(plan.headMotion, anatomy.head.centre), anatomy.glenoid.socketCentre));
}
