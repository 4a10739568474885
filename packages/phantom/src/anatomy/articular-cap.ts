import { dot, sub, type Vec3 } from '../math/vec3';
import type { Anatomy } from './anatomy';

/**
 * Points spread evenly (Fibonacci lattice) over the articular surface: the
 * part of the head ellipsoid beyond the anatomical-neck plane. Used to solve
 * and to measure what fraction of the surface a fragment carries.
 * @param count - lattice size over the whole ellipsoid (the cap keeps about 65–80 %).
 * @example
 * articularCapPoints(anatomy, 2000).length; // ≈ 1400
 */
export function articularCapPoints(anatomy: Anatomy, count = 2000): Vec3[] {
  const { centre, radiiMm, axis, capDepthMm } = anatomy.head;
  const golden = Math.PI * (3 - Math.sqrt(5));
  const points: Vec3[] = [];
  for (let i = 0; i < count; i++) {
    const y = 1 - (2 * (i + 0.5)) / count;
    const r = Math.sqrt(1 - y * y);
    const phi = golden * i;
    const point: Vec3 = [
      centre[0] + radiiMm[0] * r * Math.cos(phi),
      centre[1] + radiiMm[1] * y,
      centre[2] + radiiMm[2] * r * Math.sin(phi),
    ];
    if (dot(sub(point, centre), axis) >= -capDepthMm) points.push(point);
  }
  return points;
}
