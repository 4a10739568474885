import type { SeededRandom } from '@ct-fracture/core';
import { cross, normalize, perpendicular, type Vec3 } from '../math/vec3';

/** A uniformly random unit vector. */
export function randomUnit(random: SeededRandom): Vec3 {
  const z = random.uniform(-1, 1);
  const phi = random.uniform(0, 2 * Math.PI);
  const r = Math.sqrt(1 - z * z);
  return [r * Math.cos(phi), r * Math.sin(phi), z];
}

/** A random unit vector perpendicular to `axis`. */
export function randomPerpendicular(random: SeededRandom, axis: Vec3): Vec3 {
  const e1 = perpendicular(axis);
  const e2 = cross(normalize(axis), e1);
  const phi = random.uniform(0, 2 * Math.PI);
  return normalize([
    Math.cos(phi) * e1[0] + Math.sin(phi) * e2[0],
    Math.cos(phi) * e1[1] + Math.sin(phi) * e2[1],
    Math.cos(phi) * e1[2] + Math.sin(phi) * e2[2],
  ]);
}

/** `base` tilted by up to `maxDeg` degrees towards a random perpendicular direction. */
export function tilted(random: SeededRandom, base: Vec3, maxDeg: number): Vec3 {
  const towards = randomPerpendicular(random, base);
  const angle = (random.uniform(0, maxDeg) * Math.PI) / 180;
  const b = normalize(base);
  return normalize([
    Math.cos(angle) * b[0] + Math.sin(angle) * towards[0],
    Math.cos(angle) * b[1] + Math.sin(angle) * towards[1],
    Math.cos(angle) * b[2] + Math.sin(angle) * towards[2],
  ]);
}

/** The value below which a fraction `q` of `values` lies (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)));
  return sorted[index]!;
}
