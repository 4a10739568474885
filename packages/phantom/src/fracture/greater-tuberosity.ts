import type { SeededRandom } from '@ct-fracture/core';
import type { Anatomy } from '../anatomy/anatomy';
import { compose, type Rigid, rotationAbout, translation } from '../math/rigid';
import { dot, normalize, type Vec3 } from '../math/vec3';
import type { Cut } from './fracture-plan';
import { randomUnit } from './random-geometry';
import { centroid } from './region-points';

/**
 * The greater-tuberosity region: lateral of a sagittal plane, above a
 * transverse plane, and beyond the anatomical-neck plane by a margin, so the
 * GT fracture line never crosses the articular surface.
 * @param gapMm - the fracture gap when it is a separate fragment (0 otherwise).
 */
export function greaterTuberosityCut(anatomy: Anatomy, random: SeededRandom, gapMm: number): Cut {
  const s = anatomy.scale;
  const { axis, centre, capDepthMm } = anatomy.head;
  const margin = 1.5 + gapMm / 2;
  return {
    planes: [
      { normal: axis, offset: dot(axis, centre) - capDepthMm - margin },
      { normal: [1, 0, 0], offset: random.uniform(-9, -6) * s },
      { normal: [0, 0, -1], offset: -random.uniform(14, 18) * s },
    ],
    gapMm,
  };
}

/**
 * The greater-tuberosity fragment's motion relative to the head fragment: a
 * rotation of up to 8° about its centroid, then a pull of exactly
 * `displacementMm` laterally, posteriorly and superiorly (the rotator cuff's
 * direction), retried more laterally while any of its bone would come within
 * the fracture gap of the head fragment's bone (so the gap stays open).
 * @param points - the fragment's native bone points.
 * @param isClear - whether the fragment, moved so, keeps its gap to the head fragment.
 */
export function greaterTuberosityMotion(
  points: readonly Vec3[],
  displacementMm: number,
  random: SeededRandom,
  isClear: (motion: Rigid) => boolean,
): Rigid {
  const c = centroid(points);
  let motion: Rigid = translation([0, 0, 0]);
  for (let attempt = 0; attempt < 8; attempt++) {
    const lateral = random.uniform(0.35, 0.6) + 0.3 * attempt;
    const direction = normalize([-lateral, -random.uniform(0.2, 0.8), random.uniform(0.6, 1)]);
    const rotation = rotationAbout(randomUnit(random), random.uniform(0, 8), c);
    motion = compose(
      translation([
        direction[0] * displacementMm,
        direction[1] * displacementMm,
        direction[2] * displacementMm,
      ]),
      rotation,
    );
    if (isClear(motion)) break;
  }
  return motion;
}
