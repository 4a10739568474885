import type { Anatomy } from '../anatomy/anatomy';
import { ellipseDistance, ellipsoidDistance, smoothMin } from '../math/sdf';

/**
 * The skin surface of an {@link Anatomy} as a signed distance (mm, canonical
 * frame): the upper arm (elliptic cylinder up to the head centre), the
 * shoulder cap (ellipsoid around the head) and the chest wall side (a
 * half-space medial of the glenoid), smoothly united.
 * @example
 * const skin = createSkinDistance(anatomy);
 * skin(0, 0, 0) < 0; // the shaft is inside the arm
 */
export function createSkinDistance(anatomy: Anatomy): (x: number, y: number, z: number) => number {
  const { armCentreXY, armRadiiMm, armTopZMm, shoulder, torsoXMm } = anatomy.softTissue;
  const [ax, ay] = armCentreXY;
  const [arx, ary] = armRadiiMm;
  const [cx, cy, cz] = shoulder.centre;
  const [srx, sry, srz] = shoulder.radiiMm;
  return (x, y, z) => {
    const arm = Math.max(ellipseDistance(x - ax, y - ay, arx, ary), z - armTopZMm);
    const cap = ellipsoidDistance(x - cx, y - cy, z - cz, srx, sry, srz);
    return smoothMin(smoothMin(arm, cap, 12), torsoXMm - x, 12);
  };
}
