import type { BoneModel } from '../anatomy/bone-model';
import type { ShaftTranslation } from '../labels/case-labels';
import { applyPoint, applyVector, type Rigid } from '../math/rigid';
import { angleBetweenDeg, type Vec3 } from '../math/vec3';
import { measureOverlap } from '../measure/overlap';
import { type Random, uniform } from '../random';
import type { Cut, FracturePlan } from './fracture-plan';

/** How the shaft sits under the head fragment, apart from the translation being solved. */
export interface ShaftPlacement {
  /** The shaft's own small angulation (a rotation about the native origin). */
  rotation: Rigid;
  /** Translation direction, a world unit vector perpendicular to the displaced shaft axis. */
  direction: Vec3;
  /** Extra axial distance below the head fragment's fracture face, mm. */
  clearanceMm: number;
}

/**
 * The shaft's motion: its fracture face centred under the head fragment's
 * face (lowered by half the tilt between them so the faces do not collide),
 * then moved `translationMm` along `placement.direction`.
 */
export function shaftMotionFor(
  neck: Cut,
  headMotion: Rigid,
  placement: ShaftPlacement,
  translationMm: number,
  reachMm: number,
): Rigid {
  const plane = neck.planes[0]!;
  const n = plane.normal;
  const headFace: Vec3 = [0, 0, (plane.offset + neck.gapMm / 2) / n[2]];
  const shaftFace: Vec3 = [0, 0, (plane.offset - neck.gapMm / 2) / n[2]];
  const axis = applyVector(placement.rotation, n);
  const tiltDeg = angleBetweenDeg(applyVector(headMotion, n), axis);
  const drop = 0.5 * reachMm * Math.sin((tiltDeg * Math.PI) / 180) + placement.clearanceMm;
  const target = applyPoint(headMotion, headFace);
  const moved = applyPoint(placement.rotation, shaftFace);
  const t: Vec3 = [0, 1, 2].map(
    (i) =>
      target[i]! -
      drop * axis[i]! +
      translationMm * placement.direction[i]! -
      moved[i]! +
      placement.rotation.t[i]!,
  ) as Vec3;
  return { r: placement.rotation.r, t };
}

/** Overlap fractions each translation class is generated within (margins around 25 % and 5 %). */
export const OVERLAP_TARGETS: Readonly<Record<ShaftTranslation, [number, number]>> = {
  none: [0.5, 1],
  substantial: [0.08, 0.19],
  complete: [0, 0],
};

/**
 * Solves the translation (mm) that gives an overlap inside the class's target
 * range by bisection on {@link measureOverlap} (overlap falls as the shaft
 * moves away). A complete translation goes 2–8 mm beyond the last contact.
 * @returns the translation and the overlap it reaches.
 */
export function solveTranslation(
  bone: BoneModel,
  plan: FracturePlan,
  placement: ShaftPlacement,
  translationClass: ShaftTranslation,
  random: Random,
): { translationMm: number; overlap: number; shaftMotion: Rigid } {
  const neck = plan.neck!;
  const reach = Math.max(...[0, 1].map((i) => bone.bounds.max[i]! - bone.bounds.min[i]!)) / 4;
  const overlapAt = (translationMm: number) => {
    const shaftMotion = shaftMotionFor(neck, plan.headMotion, placement, translationMm, reach);
    return { shaftMotion, overlap: measureOverlap(bone, { ...plan, shaftMotion }, 1) };
  };
  const [low, high] = OVERLAP_TARGETS[translationClass];
  const atZero = overlapAt(0).overlap;
  const target =
    translationClass === 'complete'
      ? 0
      : uniform(random, low, Math.min(high, Math.max(low, atZero)));
  let lo = 0;
  let hi = 80;
  for (let i = 0; i < 16; i++) {
    const mid = (lo + hi) / 2;
    const overlap = overlapAt(mid).overlap;
    if (translationClass === 'complete' ? overlap > 0 : overlap >= target) lo = mid;
    else hi = mid;
  }
  const translationMm = translationClass === 'complete' ? hi + uniform(random, 2, 8) : lo;
  const { shaftMotion } = overlapAt(translationMm);
  return {
    translationMm,
    shaftMotion,
    overlap: measureOverlap(bone, { ...plan, shaftMotion }),
  };
}
