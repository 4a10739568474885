import type { Anatomy } from '../anatomy/anatomy';
import type { FracturePlan } from '../fracture/fracture-plan';
import { applyVector } from '../math/rigid';
import { angleBetweenDeg } from '../math/vec3';

/**
 * The head–shaft angle in degrees: between the head fragment's articular axis
 * and the shaft's distal axis, both as displaced. Normal ≈ 130–135°; varus
 * when ≤ 100°.
 * @example
 * measureHeadShaftAngleDeg(anatomy, plan) <= 100; // varus
 */
export function measureHeadShaftAngleDeg(anatomy: Anatomy, plan: FracturePlan): number {
  return angleBetweenDeg(
    applyVector(plan.headMotion, anatomy.head.axis),
    applyVector(plan.shaftMotion, [0, 0, -1]),
  );
}
