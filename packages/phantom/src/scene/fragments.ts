import type { Cut, FracturePlan } from '../fracture/fracture-plan';
import { compose, type Rigid } from '../math/rigid';
import { compileRegion, proximalSide, type RegionDistance } from './region';

/** The pieces a phantom's bones can be in. */
export type FragmentName =
  | 'humerus'
  | 'shaft'
  | 'head'
  | 'greater-tuberosity'
  | 'articular'
  | 'scapula';

/** Label-map value of each piece (0 is everything that is not bone). */
export const FRAGMENT_LABEL: Readonly<Record<FragmentName, number>> = {
  shaft: 1,
  humerus: 2,
  head: 2,
  'greater-tuberosity': 3,
  articular: 4,
  scapula: 5,
};

/** A humeral fragment: its region of the native bone and its motion (native → canonical). */
export interface FragmentDefinition {
  name: FragmentName;
  region: RegionDistance | null;
  motion: Rigid;
}

/**
 * Splits the humerus of a plan into fragments with separating gaps: the shaft
 * below the neck cut, the head fragment above it minus the separate greater
 * tuberosity and articular piece, and those pieces.
 * @example
 * humerusFragments(plan).map((f) => f.name); // ['shaft', 'head', 'greater-tuberosity']
 */
export function humerusFragments(plan: FracturePlan): FragmentDefinition[] {
  const gt = plan.greaterTuberosity.separate ? plan.greaterTuberosity : null;
  const articular = plan.articular;
  if (plan.neck === null && gt === null && articular === null) {
    return [{ name: 'humerus', region: null, motion: plan.headMotion }];
  }
  const proximal: Cut[] = plan.neck === null ? [] : [proximalSide(plan.neck)];
  const fragments: FragmentDefinition[] = [];
  if (plan.neck !== null) {
    fragments.push({
      name: 'shaft',
      region: compileRegion([plan.neck], []),
      motion: plan.shaftMotion,
    });
  }
  const carvedOut: Cut[] = [gt, articular].filter(
    (cut): cut is NonNullable<typeof cut> => cut !== null,
  );
  fragments.push({
    name: 'head',
    region: compileRegion(proximal, carvedOut),
    motion: plan.headMotion,
  });
  if (gt !== null) {
    fragments.push({
      name: 'greater-tuberosity',
      region: compileRegion([gt, ...proximal], []),
      motion: compose(plan.headMotion, gt.motion),
    });
  }
  if (articular !== null) {
    fragments.push({
      name: 'articular',
      region: compileRegion([articular, ...proximal], gt === null ? [] : [gt]),
      motion: compose(plan.headMotion, articular.motion),
    });
  }
  return fragments;
}
