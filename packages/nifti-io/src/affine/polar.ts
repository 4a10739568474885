import { type Mat3, multiply3, transpose3 } from './mat4';
import { symmetricEigen3 } from './symmetric-eigen';

/**
 * The orthogonal factor of the polar decomposition of `m` (the closest matrix with
 * orthonormal columns, as `P · Qs` from numpy's SVD `m = P S Qs`), restricted to the
 * singular values above `tolerance` (numpy's rank rule, `S.max() · 3 · eps`, by default).
 * Directions with singular values at or below the tolerance map to zero, as nibabel's
 * `io_orientation` does.
 */
export function polarOrthogonal(m: Mat3, tolerance?: number): Mat3 {
  const { values, vectors } = symmetricEigen3(multiply3(transpose3(m), m));
  const singular = values.map((value) => Math.sqrt(Math.max(value, 0)));
  const tol = tolerance ?? Math.max(...singular) * 3 * Number.EPSILON;
  // R = m · V · diag(1/s for kept) · Vᵀ
  const inverseRoot: Mat3 = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let e = 0; e < 3; e++) {
    const s = singular[e]!;
    if (!(s > tol)) continue;
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) {
        inverseRoot[r]![c] = inverseRoot[r]![c]! + (vectors[r]![e]! * vectors[c]![e]!) / s;
      }
    }
  }
  return multiply3(m, inverseRoot);
}
