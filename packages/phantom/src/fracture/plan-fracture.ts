import type { SeededRandom } from '@ct-fracture/core';
import type { Anatomy } from '../anatomy/anatomy';
import { articularCapPoints } from '../anatomy/articular-cap';
import type { BoneModel } from '../anatomy/bone-model';
import type { CaseDesign } from '../labels/case-labels';
import {
  applyPoint,
  compose,
  IDENTITY,
  type Rigid,
  rotationAbout,
  translation,
} from '../math/rigid';
import { angleBetweenDeg, cross, norm, normalize, type Vec3 } from '../math/vec3';
import { greaterTuberosityPoints } from '../measure/gt-displacement';
import { measureHeadShaftAngleDeg } from '../measure/head-shaft-angle';
import { type ArticularFragment, headSplit, rimFragment } from './articular';
import type { Cut, FracturePlan } from './fracture-plan';
import { greaterTuberosityCut, greaterTuberosityMotion } from './greater-tuberosity';
import { randomPerpendicular, tilted } from './random-geometry';
import { keepsClear, pushClear, sampleProximal } from './separate-fragments';
import { solveTranslation } from './shaft-placement';

/** Head–shaft angles (degrees) each varus class is generated within (margin around 100°). */
export const HEAD_SHAFT_ANGLE_TARGETS = { varus: [65, 90], notVarus: [118, 150] } as const;
/** GT displacements (mm) each class is generated within (margin around 10 mm). */
export const GT_DISPLACEMENT_TARGETS = { displaced: [14, 25], undisplaced: [3, 7] } as const;

function dislocationVector(random: SeededRandom, dislocated: boolean): Vec3 {
  if (!dislocated) return [random.uniform(-1, 1), random.uniform(-1, 1), random.uniform(-1, 1)];
  if (random.next() < 0.75) {
    return [random.uniform(0, 4), random.uniform(30, 38), -random.uniform(8, 16)];
  }
  return [random.uniform(-2, 3), -random.uniform(29, 35), -random.uniform(0, 8)];
}

function neckCut(anatomy: Anatomy, random: SeededRandom, gapMm: number): Cut {
  const normal = tilted(random, [0, 0, 1], 8);
  return { planes: [{ normal, offset: normal[2] * anatomy.surgicalNeckZMm }], gapMm };
}

/** The varus/valgus rotation of the head fragment about its centre that sets the head–shaft angle. */
function headRotation(anatomy: Anatomy, shaftRotation: Rigid, targetDeg: number): Rigid {
  const distal = applyPoint({ r: shaftRotation.r, t: [0, 0, 0] }, [0, 0, -1]);
  const current = angleBetweenDeg(anatomy.head.axis, distal);
  const axis = normalize(cross(anatomy.head.axis, distal));
  return rotationAbout(axis, current - targetDeg, anatomy.head.centre);
}

/**
 * Builds a fracture plan that has the design's six characteristics by
 * construction: the surgical-neck cut (4–7 mm gap), the greater tuberosity
 * (separate with a 4–6 mm gap when the design says so, pulled 3–7 or
 * 14–25 mm), the head split or rim fragment, the head fragment's varus/valgus
 * tilt and dislocation, and the shaft's translation solved for the overlap
 * class. A 1-part case is intact or has a ≤ 1 mm undisplaced crack.
 * @param random - the case's geometry stream.
 * @example
 * const plan = planFracture(anatomy, createHumerusBone(anatomy), design, new SeededRandom(3, 'mulberry32'));
 */
export function planFracture(
  anatomy: Anatomy,
  bone: BoneModel,
  design: CaseDesign,
  random: SeededRandom,
): FracturePlan {
  const { labels } = design;
  const dislocation = translation(dislocationVector(random, labels.dislocation));
  const gtGap = random.uniform(4, 6);
  const gtCut = greaterTuberosityCut(anatomy, random, design.greaterTuberosityFragment ? gtGap : 0);
  const dislocationMm = norm(dislocation.t);
  if (labels.fractureParts === '1-part') {
    const neck = design.undisplacedCrack ? neckCut(anatomy, random, random.uniform(0.5, 1)) : null;
    const plan: FracturePlan = {
      neck,
      greaterTuberosity: { ...gtCut, separate: false, motion: IDENTITY },
      articular: null,
      headMotion: dislocation,
      shaftMotion: dislocation,
      targets: {
        headShaftAngleDeg: anatomy.neckShaftAngleDeg,
        overlapFraction: 1,
        gtDisplacementMm: 0,
        dislocationMm,
        articularFraction: 0,
        translationMm: 0,
      },
    };
    return plan;
  }
  const neck = neckCut(anatomy, random, random.uniform(4, 7));
  const capPoints = articularCapPoints(anatomy, 1500);
  let articular: ArticularFragment | null = null;
  if (labels.articular === 'headsplit') articular = headSplit(anatomy, capPoints, random);
  if (labels.articular === 'subcritical') articular = rimFragment(anatomy, capPoints, random);
  const [angleLow, angleHigh] = labels.varus
    ? HEAD_SHAFT_ANGLE_TARGETS.varus
    : HEAD_SHAFT_ANGLE_TARGETS.notVarus;
  const headShaftAngleDeg = random.uniform(angleLow, angleHigh);
  const shaftRotation = rotationAbout(randomPerpendicular(random, [0, 0, 1]), random.uniform(0, 6));
  const headMotion = compose(dislocation, headRotation(anatomy, shaftRotation, headShaftAngleDeg));
  const plan: FracturePlan = {
    neck,
    greaterTuberosity: { ...gtCut, separate: design.greaterTuberosityFragment, motion: IDENTITY },
    articular,
    headMotion,
    shaftMotion: IDENTITY,
    targets: {
      headShaftAngleDeg,
      overlapFraction: 1,
      gtDisplacementMm: 0,
      dislocationMm,
      articularFraction: articular?.capFraction ?? 0,
      translationMm: 0,
    },
  };
  if (design.greaterTuberosityFragment) {
    const [low, high] = labels.gtDisplacement
      ? GT_DISPLACEMENT_TARGETS.displaced
      : GT_DISPLACEMENT_TARGETS.undisplaced;
    const displacementMm = random.uniform(low, high);
    const points = greaterTuberosityPoints(bone, anatomy, plan, 1.5);
    const samples = sampleProximal(bone, plan);
    plan.greaterTuberosity.motion = greaterTuberosityMotion(
      points,
      displacementMm,
      random,
      (motion) =>
        keepsClear(bone, samples.greaterTuberosity!, motion, [samples.head, samples.articular]),
    );
    plan.targets.gtDisplacementMm = displacementMm;
  }
  if (articular !== null) {
    articular.motion = pushClear(
      bone,
      sampleProximal(bone, plan),
      articular.motion,
      articular.direction,
    );
  }
  const axis = applyPoint({ r: shaftRotation.r, t: [0, 0, 0] }, neck.planes[0]!.normal);
  const solved = solveTranslation(
    bone,
    plan,
    {
      rotation: shaftRotation,
      direction: randomPerpendicular(random, axis),
      clearanceMm: random.uniform(0, 1.5),
    },
    labels.shaftTranslation,
    random,
  );
  plan.shaftMotion = solved.shaftMotion;
  plan.targets.overlapFraction = solved.overlap;
  plan.targets.translationMm = solved.translationMm;
  plan.targets.headShaftAngleDeg = measureHeadShaftAngleDeg(anatomy, plan);
  return plan;
}
