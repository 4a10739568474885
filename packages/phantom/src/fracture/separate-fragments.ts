import type { BoneModel } from '../anatomy/bone-model';
import { compose, IDENTITY, type Rigid, translation } from '../math/rigid';
import { scale, type Vec3 } from '../math/vec3';
import { humerusFragments } from '../scene/fragments';
import type { FracturePlan } from './fracture-plan';
import {
  pairClearanceMm,
  type SampledFragment,
  sampleFragment,
  TARGET_CLEARANCE_MM,
} from './fragment-clearance';

/** The proximal fragments sampled in the head fragment's frame (head motion = identity). */
export interface ProximalSamples {
  head: SampledFragment;
  greaterTuberosity: SampledFragment | null;
  articular: SampledFragment | null;
}

/**
 * Samples the head, greater-tuberosity and articular fragments of a plan on a
 * 1.5 mm grid, in the head fragment's own frame, for clearance checks.
 */
export function sampleProximal(bone: BoneModel, plan: FracturePlan): ProximalSamples {
  const fragments = humerusFragments({ ...plan, headMotion: IDENTITY });
  const bounds = {
    min: [bone.bounds.min[0], bone.bounds.min[1], -20] as Vec3,
    max: bone.bounds.max,
  };
  const find = (name: string) => {
    const fragment = fragments.find((f) => f.name === name);
    return fragment === undefined ? null : sampleFragment(bone, fragment, bounds);
  };
  return {
    head: find('head')!,
    greaterTuberosity: find('greater-tuberosity'),
    articular: find('articular'),
  };
}

/** Whether a fragment moved by `motion` (head frame) keeps the clearance to each of `others`. */
export function keepsClear(
  bone: BoneModel,
  moving: SampledFragment,
  motion: Rigid,
  others: readonly (SampledFragment | null)[],
): boolean {
  return others.every(
    (other) =>
      other === null || pairClearanceMm(bone, moving, other, motion) >= TARGET_CLEARANCE_MM,
  );
}

/**
 * Pushes an articular fragment further along `direction` (0.5 mm steps, at
 * most 12 mm) until it keeps {@link TARGET_CLEARANCE_MM} from the head and
 * greater-tuberosity fragments.
 * @returns the motion (relative to the head fragment).
 */
export function pushClear(
  bone: BoneModel,
  samples: ProximalSamples,
  motion: Rigid,
  direction: Vec3,
): Rigid {
  const piece = samples.articular!;
  let pushed = motion;
  for (let extra = 0; extra <= 12; extra += 0.5) {
    pushed = compose(translation(scale(direction, extra)), motion);
    if (keepsClear(bone, piece, pushed, [samples.head, samples.greaterTuberosity])) break;
  }
  return pushed;
}
