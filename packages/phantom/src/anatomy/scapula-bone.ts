import { ellipsoidDistance, smoothMin } from '../math/sdf';
import type { Anatomy, OrientedEllipsoid } from './anatomy';
import type { BoneModel, Bounds } from './bone-model';

function orientedDistance(e: OrientedEllipsoid, x: number, y: number, z: number): number {
  const dx = x - e.centre[0];
  const dy = y - e.centre[1];
  const dz = z - e.centre[2];
  const [a, b, c] = e.axes;
  return ellipsoidDistance(
    dx * a[0] + dy * a[1] + dz * a[2],
    dx * b[0] + dy * b[1] + dz * b[2],
    dx * c[0] + dy * c[1] + dz * c[2],
    e.radiiMm[0],
    e.radiiMm[1],
    e.radiiMm[2],
  );
}

function orientedBounds(e: OrientedEllipsoid, bounds: Bounds): void {
  for (let axis = 0; axis < 3; axis++) {
    let half = 0;
    for (let k = 0; k < 3; k++) half += Math.abs(e.axes[k]![axis]!) * e.radiiMm[k]!;
    bounds.min[axis] = Math.min(bounds.min[axis]!, e.centre[axis]! - half - 1);
    bounds.max[axis] = Math.max(bounds.max[axis]!, e.centre[axis]! + half + 1);
  }
}

/**
 * The glenoid and scapular neck of an {@link Anatomy}: a pear-like body whose
 * lateral face is hollowed by the socket sphere (head radius + joint space)
 * around the native head centre, so the fossa faces the head.
 * @example
 * const scapula = createScapulaBone(sampleAnatomy(new SeededRandom(1, 'mulberry32')));
 */
export function createScapulaBone(anatomy: Anatomy): BoneModel {
  const { body, neck, socketCentre, socketRadiusMm, cortexMm } = anatomy.glenoid;
  const bounds: Bounds = {
    min: [Infinity, Infinity, Infinity],
    max: [-Infinity, -Infinity, -Infinity],
  };
  orientedBounds(body, bounds);
  orientedBounds(neck, bounds);
  const [sx, sy, sz] = socketCentre;
  return {
    bounds,
    maxCortexMm: cortexMm,
    distance(x, y, z) {
      const solid = smoothMin(orientedDistance(body, x, y, z), orientedDistance(neck, x, y, z), 6);
      const socket = socketRadiusMm - Math.hypot(x - sx, y - sy, z - sz);
      return Math.max(solid, socket);
    },
    cortexMm() {
      return cortexMm;
    },
    marrowWeight() {
      return 0;
    },
  };
}
