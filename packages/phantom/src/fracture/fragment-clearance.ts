import type { BoneModel, Bounds } from '../anatomy/bone-model';
import { applyPoint, compose, invert, type Rigid } from '../math/rigid';
import type { Vec3 } from '../math/vec3';
import type { FragmentDefinition } from '../scene/fragments';
import { bonePointsInRegion } from './region-points';

/**
 * The least distance (mm) displaced fragments keep from each other: enough for
 * the gap to stay dark at CT resolution despite the blooming of cortical bone
 * (more than three 1.25 mm slices).
 */
export const FRAGMENT_CLEARANCE_MM = 4.5;

/** What construction aims for: the clearance plus room for the sampling error of checks. */
export const TARGET_CLEARANCE_MM = FRAGMENT_CLEARANCE_MM + 0.5;

/**
 * The least distance (mm, a lower bound) from world points to any of the
 * fragments: each point is taken into a fragment's native frame and the
 * fragment's bone ∩ region distance is evaluated there.
 * @example
 * smallestClearanceMm(bone, shaftTopWorld, fragments) >= FRAGMENT_CLEARANCE_MM;
 */
export function smallestClearanceMm(
  bone: BoneModel,
  worldPoints: readonly Vec3[],
  fragments: readonly FragmentDefinition[],
): number {
  let least = Infinity;
  for (const fragment of fragments) {
    const inverse: Rigid = invert(fragment.motion);
    for (const p of worldPoints) {
      const q = applyPoint(inverse, p);
      const region = fragment.region === null ? -Infinity : fragment.region(q[0], q[1], q[2]);
      const d = Math.max(region, bone.distance(q[0], q[1], q[2]));
      if (d < least) least = d;
    }
  }
  return least;
}

/** A fragment with a sample of its native bone points (for clearance checks). */
export interface SampledFragment {
  fragment: FragmentDefinition;
  points: Vec3[];
}

/**
 * Samples a fragment's native bone on a `stepMm` grid within `bounds`.
 * @example
 * const shaft = sampleFragment(bone, fragments[0], bounds);
 */
export function sampleFragment(
  bone: BoneModel,
  fragment: FragmentDefinition,
  bounds: Bounds,
  stepMm = 2,
): SampledFragment {
  return {
    fragment,
    points:
      fragment.region === null ? [] : bonePointsInRegion(bone, fragment.region, bounds, stepMm),
  };
}

/**
 * The clearance (mm) between two fragments as they are placed, both ways
 * (A's points against B's distance field and B's against A's), which makes
 * the approximate distance fields' errors matter less.
 * @param motionA - overrides A's motion (to try a placement).
 */
export function pairClearanceMm(
  bone: BoneModel,
  a: SampledFragment,
  b: SampledFragment,
  motionA: Rigid = a.fragment.motion,
): number {
  const placedA = { ...a.fragment, motion: motionA };
  const toWorldA = (p: Vec3) => applyPoint(motionA, p);
  const aToB = smallestClearanceMm(bone, a.points.map(toWorldA), [b.fragment]);
  const bInA = compose(invert(motionA), b.fragment.motion);
  const bToA = smallestClearanceMm(
    bone,
    b.points.map((p) => applyPoint(motionA, applyPoint(bInA, p))),
    [placedA],
  );
  return Math.min(aToB, bToA);
}
