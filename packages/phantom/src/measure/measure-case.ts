import type { Anatomy } from '../anatomy/anatomy';
import type { BoneModel } from '../anatomy/bone-model';
import type { FracturePlan } from '../fracture/fracture-plan';
import { bonePointsInRegion } from '../fracture/region-points';
import type { CaseLabels } from '../labels/case-labels';
import { humerusFragments } from '../scene/fragments';
import { measureArticularInvolvement } from './articular-involvement';
import { measureHeadOffsetMm } from './dislocation';
import { greaterTuberosityPoints, measureGtDisplacementMm } from './gt-displacement';
import { measureHeadShaftAngleDeg } from './head-shaft-angle';
import { measureOverlap } from './overlap';

/** Every characteristic measured back from a phantom's fragment geometry. */
export interface MeasuredCharacteristics {
  /** Humeral pieces holding ≥ 0.5 cm³ of bone, separated by a gap ≥ 1.5 mm. */
  partCount: number;
  /** Head-fragment centre to glenoid socket centre, mm. */
  headOffsetMm: number;
  gtDisplacementMm: number;
  /** Head/shaft cross-section overlap, fraction of the shaft's section. */
  overlapFraction: number;
  headShaftAngleDeg: number;
  /** Fraction of the articular surface off its largest piece. */
  articularInvolvement: number;
}

/** Thresholds that turn measurements into labels (the definitions). */
export const LABEL_THRESHOLDS = {
  dislocationMm: 10,
  gtDisplacementMm: 10,
  overlapNone: 0.25,
  overlapComplete: 0.05,
  varusDeg: 100,
  articularSubcritical: 0.05,
  articularHeadSplit: 0.3,
} as const;

const MIN_PIECE_MM3 = 500;
const MIN_GAP_MM = 1.5;

function partCount(bone: BoneModel, plan: FracturePlan): number {
  const fragments = humerusFragments(plan);
  const bounds = {
    min: [bone.bounds.min[0], bone.bounds.min[1], -40] as [number, number, number],
    max: bone.bounds.max,
  };
  let count = 0;
  for (const fragment of fragments) {
    if (fragment.region === null) {
      count++;
      continue;
    }
    const points = bonePointsInRegion(bone, fragment.region, bounds, 2);
    if (points.length * 8 >= MIN_PIECE_MM3) count++;
  }
  if (plan.neck !== null && plan.neck.gapMm < MIN_GAP_MM) count--;
  return Math.max(count, 1);
}

/**
 * Measures all six characteristics from a plan's geometry (no voxels):
 * piece count, head offset from the glenoid, GT displacement, cross-section
 * overlap, head–shaft angle and articular involvement.
 * @example
 * classifyMeasurements(measureCase(anatomy, bone, plan)); // the labels it earns
 */
export function measureCase(
  anatomy: Anatomy,
  bone: BoneModel,
  plan: FracturePlan,
): MeasuredCharacteristics {
  return {
    partCount: partCount(bone, plan),
    headOffsetMm: measureHeadOffsetMm(anatomy, plan),
    gtDisplacementMm: measureGtDisplacementMm(greaterTuberosityPoints(bone, anatomy, plan), plan),
    overlapFraction: measureOverlap(bone, plan),
    headShaftAngleDeg: measureHeadShaftAngleDeg(anatomy, plan),
    articularInvolvement: measureArticularInvolvement(anatomy, plan),
  };
}

/**
 * Measurement bands around each label threshold that a generated case must
 * stay out of, so that no label hangs on a fraction of a millimetre or degree.
 */
export const AMBIGUOUS_BANDS = {
  headOffsetMm: [4, 15],
  gtDisplacementMm: [8.5, 11.5],
  overlapFraction: [
    [0.03, 0.07],
    [0.21, 0.35],
  ],
  headShaftAngleDeg: [95, 110],
  articularInvolvement: [
    [0.03, 0.08],
    [0.28, 0.35],
  ],
} as const;

const inside = (value: number, [low, high]: readonly [number, number]) =>
  value > low && value < high;

/**
 * Whether every measurement is clear of the {@link AMBIGUOUS_BANDS}.
 * @example
 * hasClearMargins(measureCase(anatomy, bone, plan)); // false → redraw the case
 */
export function hasClearMargins(m: MeasuredCharacteristics): boolean {
  const b = AMBIGUOUS_BANDS;
  return !(
    inside(m.headOffsetMm, b.headOffsetMm) ||
    inside(m.gtDisplacementMm, b.gtDisplacementMm) ||
    b.overlapFraction.some((band) => inside(m.overlapFraction, band)) ||
    inside(m.headShaftAngleDeg, b.headShaftAngleDeg) ||
    b.articularInvolvement.some((band) => inside(m.articularInvolvement, band))
  );
}

/**
 * The labels that measurements earn under {@link LABEL_THRESHOLDS}.
 * @example
 * classifyMeasurements(measured).shaftTranslation; // 'substantial' when overlap is 0.05–0.25
 */
export function classifyMeasurements(m: MeasuredCharacteristics): CaseLabels {
  const t = LABEL_THRESHOLDS;
  return {
    fractureParts: m.partCount <= 1 ? '1-part' : m.partCount === 2 ? '2-part' : 'multipart',
    dislocation: m.headOffsetMm >= t.dislocationMm,
    gtDisplacement: m.gtDisplacementMm >= t.gtDisplacementMm,
    shaftTranslation:
      m.overlapFraction >= t.overlapNone
        ? 'none'
        : m.overlapFraction > t.overlapComplete
          ? 'substantial'
          : 'complete',
    varus: m.headShaftAngleDeg <= t.varusDeg,
    articular:
      m.articularInvolvement <= t.articularSubcritical
        ? 'none-rim'
        : m.articularInvolvement <= t.articularHeadSplit
          ? 'subcritical'
          : 'headsplit',
  };
}
