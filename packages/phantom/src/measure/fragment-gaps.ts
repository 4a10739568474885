import type { BoneModel, Bounds } from '../anatomy/bone-model';
import type { FracturePlan } from '../fracture/fracture-plan';
import { pairClearanceMm, sampleFragment } from '../fracture/fragment-clearance';
import { humerusFragments } from '../scene/fragments';

/**
 * The narrowest gap between any two humeral fragments as placed, mm (bone
 * sampled on a `stepMm` grid, each pair checked both ways); `Infinity` for an
 * unbroken humerus.
 * @example
 * measureSmallestGapMm(bone, plan) >= 4; // every fracture line stays visible
 */
export function measureSmallestGapMm(bone: BoneModel, plan: FracturePlan, stepMm = 2): number {
  const fragments = humerusFragments(plan);
  const neckZ = plan.neck === null ? bone.bounds.min[2] : plan.neck.planes[0]!.offset;
  const bounds: Bounds = {
    min: [bone.bounds.min[0], bone.bounds.min[1], Math.max(bone.bounds.min[2], neckZ - 25)],
    max: bone.bounds.max,
  };
  const samples = fragments.map((fragment) => sampleFragment(bone, fragment, bounds, stepMm));
  let least = Infinity;
  for (let a = 0; a < samples.length; a++) {
    for (let b = a + 1; b < samples.length; b++) {
      least = Math.min(least, pairClearanceMm(bone, samples[a]!, samples[b]!));
    }
  }
  return least;
}
