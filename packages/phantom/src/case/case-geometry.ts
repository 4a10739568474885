import type { SeededRandom } from '@ct-fracture/core';
import type { Anatomy } from '../anatomy/anatomy';
import { createHumerusBone } from '../anatomy/humerus-bone';
import { sampleAnatomy } from '../anatomy/sample-anatomy';
import { createScapulaBone } from '../anatomy/scapula-bone';
import { PhantomError } from '../errors/phantom-error';
import { FRAGMENT_CLEARANCE_MM } from '../fracture/fragment-clearance';
import { planFracture } from '../fracture/plan-fracture';
import { randomUnit } from '../fracture/random-geometry';
import type { CaseDesign, CaseLabels } from '../labels/case-labels';
import { compose, type Rigid, rotationAbout, translation } from '../math/rigid';
import { measureSmallestGapMm } from '../measure/fragment-gaps';
import {
  classifyMeasurements,
  hasClearMargins,
  type MeasuredCharacteristics,
  measureCase,
} from '../measure/measure-case';
import { streamRandom } from '../random';
import type { PhantomScene } from '../scene/phantom-scene';

/** Which shoulder a phantom shows: fixed, or drawn per case. */
export type Side = 'left' | 'right';

/** A phantom's geometry with the characteristics measured back from it. */
export interface CaseGeometry {
  scene: PhantomScene;
  side: Side;
  poseRotationDeg: number;
  measured: MeasuredCharacteristics;
  /** Which try (0-based) produced geometry whose measurements earn the design's labels. */
  attempt: number;
}

/** Independent random streams of a case (seeded by case seed, attempt and stream). */
export const STREAM = {
  anatomy: 1,
  fracture: 2,
  pose: 3,
  grid: 4,
  tissue: 5,
  noise: 6,
  spelling: 7,
} as const;

const MAX_ATTEMPTS = 12;

function sameLabels(a: CaseLabels, b: CaseLabels): boolean {
  return (Object.keys(a) as (keyof CaseLabels)[]).every((key) => a[key] === b[key]);
}

function posed(anatomy: Anatomy, side: Side, random: SeededRandom): { pose: Rigid; angle: number } {
  const mirror: Rigid = {
    r: side === 'right' ? [-1, 0, 0, 0, 1, 0, 0, 0, 1] : [1, 0, 0, 0, 1, 0, 0, 0, 1],
    t: [0, 0, 0],
  };
  const angle = random.uniform(0, 8);
  const rotation = rotationAbout(randomUnit(random), angle, anatomy.head.centre);
  const offset = translation([
    random.uniform(-120, 120),
    random.uniform(-120, 120),
    random.uniform(-200, 200),
  ]);
  return { pose: compose(offset, compose(mirror, rotation)), angle };
}

/**
 * Builds a phantom's anatomy, fracture and pose from a design and a seed, then
 * measures the six characteristics back from the geometry; a try whose
 * measurements do not earn exactly the design's labels (clear of the
 * ambiguous bands around each threshold), or whose displaced
 * fragments come closer than the clearance (a gap that would not show), is
 * redrawn (the canonical frame is a left shoulder; `right` mirrors it).
 * @throws {PhantomError} (`generation-failed`) when no try within 12 earns the labels.
 * @example
 * const geometry = buildCaseGeometry(design, 1234, 'right');
 * geometry.measured.gtDisplacementMm; // e.g. 14.2
 */
export function buildCaseGeometry(design: CaseDesign, seed: number, side: Side): CaseGeometry {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const anatomy = sampleAnatomy(streamRandom(seed, attempt, STREAM.anatomy));
    const humerus = createHumerusBone(anatomy);
    const plan = planFracture(
      anatomy,
      humerus,
      design,
      streamRandom(seed, attempt, STREAM.fracture),
    );
    const measured = measureCase(anatomy, humerus, plan);
    if (!sameLabels(classifyMeasurements(measured), design.labels) || !hasClearMargins(measured))
      continue;
    const displaced = plan.neck !== null && !design.undisplacedCrack;
    if (displaced && measureSmallestGapMm(humerus, plan) < FRAGMENT_CLEARANCE_MM - 0.3) continue;
    const { pose, angle } = posed(anatomy, side, streamRandom(seed, attempt, STREAM.pose));
    return {
      scene: { anatomy, humerus, scapula: createScapulaBone(anatomy), plan, pose },
      side,
      poseRotationDeg: angle,
      measured,
      attempt,
    };
  }
  throw new PhantomError({
    code: 'generation-failed',
    value: JSON.stringify(design.labels),
    message: `a phantom must earn its labels from its geometry; ${MAX_ATTEMPTS} tries with seed ${seed} did not`,
  });
}
