import type { Anatomy } from '../anatomy/anatomy';
import { articularCapPoints } from '../anatomy/articular-cap';
import type { FracturePlan } from '../fracture/fracture-plan';
import type { Vec3 } from '../math/vec3';
import { humerusFragments } from '../scene/fragments';

/** The same plan with every fracture line closed (gap 0), so each point belongs to one piece. */
function withoutGaps(plan: FracturePlan): FracturePlan {
  return {
    ...plan,
    neck: plan.neck === null ? null : { ...plan.neck, gapMm: 0 },
    greaterTuberosity: { ...plan.greaterTuberosity, gapMm: 0 },
    articular: plan.articular === null ? null : { ...plan.articular, gapMm: 0 },
  };
}

/**
 * Fraction of the articular surface not on its largest piece (each surface
 * point assigned to the piece its native position falls in, fracture lines
 * closed). Thresholds: ≤ 0.05 none/rim, 0.05–0.30 subcritical, > 0.30 head split.
 * @param capPoints - from {@link articularCapPoints} (computed when omitted).
 * @example
 * measureArticularInvolvement(anatomy, plan); // 0.46 → head split
 */
export function measureArticularInvolvement(
  anatomy: Anatomy,
  plan: FracturePlan,
  capPoints: readonly Vec3[] = articularCapPoints(anatomy),
): number {
  const fragments = humerusFragments(withoutGaps(plan)).filter(
    (fragment) => fragment.name !== 'shaft',
  );
  const counts = fragments.map(() => 0);
  for (const p of capPoints) {
    const index = fragments.findIndex(
      (fragment) => fragment.region === null || fragment.region(p[0], p[1], p[2]) <= 0,
    );
    if (index >= 0) counts[index]!++;
  }
  return capPoints.length === 0 ? 0 : 1 - Math.max(...counts) / capPoints.length;
}
