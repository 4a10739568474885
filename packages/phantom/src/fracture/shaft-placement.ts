import type { SeededRandom } from '@ct-fracture/core';
import type { BoneModel } from '../anatomy/bone-model';
import type { ShaftTranslation } from '../labels/case-labels';
import { applyPoint, applyVector, IDENTITY, type Rigid } from '../math/rigid';
import { angleBetweenDeg, type Vec3 } from '../math/vec3';
import { measureOverlap } from '../measure/overlap';
import { humerusFragments } from '../scene/fragments';
import type { Cut, FracturePlan } from './fracture-plan';
import { pairClearanceMm, sampleFragment, TARGET_CLEARANCE_MM } from './fragment-clearance';

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
 * face (lowered by the tilt between them so the faces do not close the gap),
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
  const drop = reachMm * Math.sin((tiltDeg * Math.PI) / 180) + placement.clearanceMm;
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

/**
 * The shaft's motion for a translation, lowered in 0.5 mm steps (at most
 * 30 mm) until the bone near its fracture face keeps
 * {@link TARGET_CLEARANCE_MM} from every proximal fragment, so the fracture
 * gap stays visible whatever the tilt and translation.
 */
function lowerUntilClear(
  bone: BoneModel,
  plan: FracturePlan,
  placement: ShaftPlacement,
  translationMm: number,
  reach: number,
): Rigid {
  const neck = plan.neck!;
  const plane = neck.planes[0]!;
  const face = plane.offset - neck.gapMm / 2;
  const fragments = humerusFragments(plan);
  const near = (top: number) => ({
    min: [bone.bounds.min[0], bone.bounds.min[1], face - 14] as Vec3,
    max: [bone.bounds.max[0], bone.bounds.max[1], top] as Vec3,
  });
  const shaft = sampleFragment(bone, fragments.find((f) => f.name === 'shaft')!, near(face + 2));
  const others = fragments
    .filter((fragment) => fragment.name !== 'shaft')
    .map((fragment) => sampleFragment(bone, fragment, near(face + 30)));
  let motion = IDENTITY;
  for (let extra = 0; extra <= 30; extra += 0.5) {
    const trial = { ...placement, clearanceMm: placement.clearanceMm + extra };
    motion = shaftMotionFor(neck, plan.headMotion, trial, translationMm, reach);
    const clearance = Math.min(
      ...others.map((other) => pairClearanceMm(bone, shaft, other, motion)),
    );
    if (clearance >= TARGET_CLEARANCE_MM) break;
  }
  return motion;
}

/** Overlap fractions each translation class is generated within (margins around 25 % and 5 %). */
export const OVERLAP_TARGETS: Readonly<Record<ShaftTranslation, [number, number]>> = {
  none: [0.5, 1],
  substantial: [0.08, 0.19],
  complete: [0, 0],
};

/**
 * Solves the translation (mm) that gives an overlap inside the class's target
 * range: from the best-aligned position (a scan of ±24 mm), by bisection on
 * {@link measureOverlap} (overlap falls as the shaft moves away). A complete
 * translation goes 2–8 mm beyond the last contact.
 * @returns the translation and the overlap it reaches.
 */
export function solveTranslation(
  bone: BoneModel,
  plan: FracturePlan,
  placement: ShaftPlacement,
  translationClass: ShaftTranslation,
  random: SeededRandom,
): { translationMm: number; overlap: number; shaftMotion: Rigid } {
  const neck = plan.neck!;
  const reach = Math.max(...[0, 1].map((i) => bone.bounds.max[i]! - bone.bounds.min[i]!)) / 4;
  const overlapAt = (translationMm: number) => {
    const shaftMotion = shaftMotionFor(neck, plan.headMotion, placement, translationMm, reach);
    return { shaftMotion, overlap: measureOverlap(bone, { ...plan, shaftMotion }, 1) };
  };
  const [low, high] = OVERLAP_TARGETS[translationClass];
  // Start from the best-aligned position (a tilted head face projects off-centre).
  let start = 0;
  let best = overlapAt(0).overlap;
  for (let t = -24; t <= 24; t += 3) {
    const overlap = overlapAt(t).overlap;
    if (overlap > best + 1e-9) {
      best = overlap;
      start = t;
    }
  }
  const target =
    translationClass === 'complete' ? 0 : random.uniform(low, Math.min(high, Math.max(low, best)));
  let lo = start;
  let hi = start + 80;
  for (let i = 0; i < 16; i++) {
    const mid = (lo + hi) / 2;
    const overlap = overlapAt(mid).overlap;
    if (translationClass === 'complete' ? overlap > 0 : overlap >= target) lo = mid;
    else hi = mid;
  }
  const translationMm = translationClass === 'complete' ? hi + random.uniform(2, 8) : lo;
  const shaftMotion = lowerUntilClear(bone, plan, placement, translationMm, reach);
  return {
    translationMm,
    shaftMotion,
    overlap: measureOverlap(bone, { ...plan, shaftMotion }),
  };
}
