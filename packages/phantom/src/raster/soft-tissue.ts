import type { Anatomy } from '../anatomy/anatomy';
import { ellipseDistance, ellipsoidDistance, smoothMin } from '../math/sdf';
import { norm, sub, type Vec3 } from '../math/vec3';

/**
 * The skin surface of an {@link Anatomy} as a signed distance (mm, canonical
 * frame): the upper arm (elliptic cylinder up to the head centre), the
 * shoulder cap (ellipsoid around the head) and the chest wall side (a
 * half-space medial of the glenoid), smoothly united; a dislocated head
 * (`headCentre` more than 5 mm from its socket) gets its own soft-tissue
 * cover (a sphere 22 mm larger than the head) so it never lies in air.
 * @param headCentre - where the head fragment's centre is (canonical mm).
 * @example
 * const skin = createSkinDistance(anatomy);
 * skin(0, 0, 0) < 0; // the shaft is inside the arm
 */
export function createSkinDistance(
  anatomy: Anatomy,
  headCentre: Vec3 = anatomy.head.centre,
): (x: number, y: number, z: number) => number {
  const moved = norm(sub(headCentre, anatomy.head.centre)) > 5;
  const [hx, hy, hz] = headCentre;
  const coverRadius = anatomy.head.radiusMm + 22;
  const { armCentreXY, armRadiiMm, armTopZMm, shoulder, torsoXMm } = anatomy.softTissue;
  const [ax, ay] = armCentreXY;
  const [arx, ary] = armRadiiMm;
  const [cx, cy, cz] = shoulder.centre;
  const [srx, sry, srz] = shoulder.radiiMm;
  return (x, y, z) => {
    const arm = Math.max(ellipseDistance(x - ax, y - ay, arx, ary), z - armTopZMm);
    const cap = ellipsoidDistance(x - cx, y - cy, z - cz, srx, sry, srz);
    const body = smoothMin(smoothMin(arm, cap, 12), torsoXMm - x, 12);
    return moved ? smoothMin(body, Math.hypot(x - hx, y - hy, z - hz) - coverRadius, 12) : body;
  };
}
