import { SeededRandom, seedFromPath } from '@ct-fracture/core';
import { describe, expect, it } from 'vitest';
import type { Anatomy } from '../anatomy/anatomy';
import { articularCapPoints } from '../anatomy/articular-cap';
import type { BoneModel } from '../anatomy/bone-model';
import { buildCaseGeometry } from '../case/case-geometry';
import type { FracturePlan } from '../fracture/fracture-plan';
import { FRAGMENT_CLEARANCE_MM, smallestClearanceMm } from '../fracture/fragment-clearance';
import { bonePointsInRegion } from '../fracture/region-points';
import { DEFAULT_CLASS_FREQUENCIES } from '../labels/class-frequencies';
import { designCases } from '../labels/design-cases';
import { applyPoint } from '../math/rigid';
import { angleBetweenDeg, norm, sub, type Vec3 } from '../math/vec3';

import { humerusFragments } from '../scene/fragments';
import { compileRegion, proximalSide } from '../scene/region';
import { measureArticularInvolvement } from './articular-involvement';
import { classifyMeasurements, measureCase } from './measure-case';
import { measureOverlap } from './overlap';

const CASES = 300;

/** GT displacement by Monte Carlo (random points, not the generator's grid). */
function monteCarloGtDisplacement(
  bone: BoneModel,
  anatomy: Anatomy,
  plan: FracturePlan,
  seed: number,
): number {
  if (!plan.greaterTuberosity.separate) return 0;
  const region = compileRegion([plan.greaterTuberosity, proximalSide(plan.neck!)], []);
  const random = new SeededRandom(seed, 'mulberry32');
  const { min, max } = bone.bounds;
  const top = anatomy.head.centre[2] + anatomy.head.radiiMm[2];
  const sum: Vec3 = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < 60000 && n < 4000; i++) {
    const p: Vec3 = [
      min[0] + random.next() * (max[0] - min[0]),
      min[1] + random.next() * (max[1] - min[1]),
      anatomy.surgicalNeckZMm + random.next() * (top - anatomy.surgicalNeckZMm),
    ];
    if (region(...p) > 0 || bone.distance(...p) > 0) continue;
    sum[0] += p[0];
    sum[1] += p[1];
    sum[2] += p[2];
    n++;
  }
  const c: Vec3 = [sum[0] / n, sum[1] / n, sum[2] / n];
  return norm(sub(applyPoint(plan.greaterTuberosity.motion, c), c));
}

/** Head–shaft angle from moved points rather than moved vectors. */
function angleFromPoints(anatomy: Anatomy, plan: FracturePlan): number {
  const c = anatomy.head.centre;
  const a = anatomy.head.axis;
  const head = sub(
    applyPoint(plan.headMotion, [c[0] + 10 * a[0], c[1] + 10 * a[1], c[2] + 10 * a[2]]),
    applyPoint(plan.headMotion, c),
  );
  const shaft = sub(
    applyPoint(plan.shaftMotion, [0, 0, -50]),
    applyPoint(plan.shaftMotion, [0, 0, 0]),
  );
  return angleBetweenDeg(head, shaft);
}

describe(`fracture geometry of ${CASES} seeded cases`, () => {
  const designs = designCases(
    CASES,
    DEFAULT_CLASS_FREQUENCIES,
    new SeededRandom(20260101, 'mulberry32'),
  );
  const rows = designs.map((design, index) => {
    const seed = seedFromPath(77, index);
    const geometry = buildCaseGeometry(design, seed, 'right');
    const { anatomy, humerus: bone, plan } = geometry.scene;
    return {
      design,
      anatomy,
      bone,
      plan,
      measured: geometry.measured,
      attempt: geometry.attempt,
      seed,
    };
  });

  it('builds the designed labels by construction: ≥ 97 % on the first try, the rest on a redraw', () => {
    const firstTry = rows.filter(({ attempt }) => attempt === 0);
    expect(firstTry.length / rows.length).toBeGreaterThanOrEqual(0.97);
    for (const { design, anatomy, bone, plan, measured } of rows) {
      expect(measureCase(anatomy, bone, plan)).toEqual(measured);
      expect(classifyMeasurements(measured)).toEqual(design.labels);
    }
  }, 120_000);

  it('keeps every measurement clear of its label threshold (independent re-measurement)', () => {
    for (const { design, anatomy, bone, plan, measured, seed } of rows) {
      const { labels } = design;
      const offset = measured.headOffsetMm;
      if (labels.dislocation) expect(offset).toBeGreaterThanOrEqual(15);
      else expect(offset).toBeLessThanOrEqual(3);
      const gt = monteCarloGtDisplacement(bone, anatomy, plan, seed);
      expect(Math.abs(gt - measured.gtDisplacementMm)).toBeLessThan(0.6);
      if (labels.gtDisplacement) expect(gt).toBeGreaterThanOrEqual(11.4);
      else expect(gt).toBeLessThanOrEqual(8.1);
      const overlap = measureOverlap(bone, plan, 0.4);
      const overlapRange = { none: [0.33, 1], substantial: [0.06, 0.22], complete: [0, 0.02] }[
        labels.shaftTranslation
      ];
      expect(overlap).toBeGreaterThanOrEqual(overlapRange[0]!);
      expect(overlap).toBeLessThanOrEqual(overlapRange[1]!);
      const angle = angleFromPoints(anatomy, plan);
      expect(Math.abs(angle - measured.headShaftAngleDeg)).toBeLessThan(1e-6);
      if (labels.varus) expect(angle).toBeLessThanOrEqual(96);
      else expect(angle).toBeGreaterThanOrEqual(110);
      const involvement = measureArticularInvolvement(
        anatomy,
        plan,
        articularCapPoints(anatomy, 6000),
      );
      const range = { 'none-rim': [0, 0.02], subcritical: [0.08, 0.28], headsplit: [0.35, 1] }[
        labels.articular
      ];
      expect(involvement).toBeGreaterThanOrEqual(range[0]!);
      expect(involvement).toBeLessThanOrEqual(range[1]!);
    }
  }, 120_000);

  it('keeps fracture gaps open: every displaced fragment clears the others (so the gap shows in the image)', () => {
    const tight: string[] = [];
    for (const { design, bone, plan } of rows) {
      if (design.undisplacedCrack) continue;
      const fragments = humerusFragments(plan);
      const bounds = {
        min: [bone.bounds.min[0], bone.bounds.min[1], -30] as Vec3,
        max: bone.bounds.max,
      };
      for (const fragment of fragments) {
        if (fragment.region === null) continue;
        const world = bonePointsInRegion(bone, fragment.region, bounds, 2).map((p) =>
          applyPoint(fragment.motion, p),
        );
        const others = fragments.filter((other) => other !== fragment);
        const clearance = smallestClearanceMm(bone, world, others);
        if (clearance < FRAGMENT_CLEARANCE_MM - 0.75)
          tight.push(`${fragment.name} ${clearance.toFixed(2)} ${JSON.stringify(design.labels)}`);
      }
    }
    expect(tight).toEqual([]);
  }, 120_000);

  it('covers every class of every task', () => {
    const seen = new Set(
      rows.flatMap(({ design }) => Object.entries(design.labels).map(([k, v]) => `${k}=${v}`)),
    );
    expect(seen.size).toBe(3 + 2 + 2 + 3 + 2 + 3);
  });
});
