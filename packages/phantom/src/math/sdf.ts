/**
 * Signed-distance helpers (mm; negative inside). The ellipsoid distances are
 * Quílez's first-order approximation: exact on the axes, within a few percent
 * elsewhere, which is all a partial-volume ramp and a cortex shell need.
 */

/** Distance to an axis-aligned ellipsoid with radii `(rx, ry, rz)` centred at the origin. */
export function ellipsoidDistance(
  x: number,
  y: number,
  z: number,
  rx: number,
  ry: number,
  rz: number,
): number {
  const ax = x / rx;
  const ay = y / ry;
  const az = z / rz;
  const k0 = Math.sqrt(ax * ax + ay * ay + az * az);
  const bx = ax / rx;
  const by = ay / ry;
  const bz = az / rz;
  const k1 = Math.sqrt(bx * bx + by * by + bz * bz);
  if (k1 === 0) return -Math.min(rx, ry, rz);
  return (k0 * (k0 - 1)) / k1;
}

/** Distance to an infinite elliptic cylinder along z with radii `(rx, ry)`. */
export function ellipseDistance(x: number, y: number, rx: number, ry: number): number {
  const ax = x / rx;
  const ay = y / ry;
  const k0 = Math.sqrt(ax * ax + ay * ay);
  const bx = ax / rx;
  const by = ay / ry;
  const k1 = Math.sqrt(bx * bx + by * by);
  if (k1 === 0) return -Math.min(rx, ry);
  return (k0 * (k0 - 1)) / k1;
}

/** Polynomial smooth minimum (a fillet of width `k` mm between two shapes). */
export function smoothMin(a: number, b: number, k: number): number {
  const h = Math.max(k - Math.abs(a - b), 0) / k;
  return Math.min(a, b) - h * h * k * 0.25;
}

/** 0 below `edge0`, 1 above `edge1`, Hermite in between (edges may be reversed). */
export function smoothStep(edge0: number, edge1: number, value: number): number {
  const t = Math.max(0, Math.min(1, (value - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}
