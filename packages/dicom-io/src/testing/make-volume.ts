import type { Mat4, Vec3, Volume } from '../volume';

/** A seeded volume of integer HU values (so that int16 storage is exact) with the given affine. */
export function makeVolume(shape: Vec3, affine: Mat4, seed = 1): Volume {
  let state = seed >>> 0;
  const data = new Float32Array(shape[0] * shape[1] * shape[2]);
  for (let index = 0; index < data.length; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[index] = (state % 3000) - 1000;
  }
  const spacingMm = [0, 1, 2].map((axis) =>
    Math.hypot(affine[0]![axis]!, affine[1]![axis]!, affine[2]![axis]!),
  ) as Vec3;
  return { data, shape, spacingMm, affine };
}

/** LAS (dcm2niix's layout for an axial series): i → L, j → A, k → S. */
export const LAS: Mat4 = [
  [-0.7, 0, 0, 90],
  [0, 0.8, 0, -20],
  [0, 0, 2.5, 30],
  [0, 0, 0, 1],
];
