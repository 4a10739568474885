import { NiftiError } from '../errors/nifti-error';
import type { Mat3 } from './mat4';

/** A quaternion `[w, x, y, z]` (NIfTI's `[a, b, c, d]`). */
export type Quaternion = [number, number, number, number];

/**
 * The full unit quaternion from NIfTI's stored `(b, c, d)`, with `a = sqrt(1 − b² − c² − d²)`
 * (nibabel's `fillpositive`): a slightly negative `1 − |bcd|²` within `threshold` gives `a = 0`.
 * @param threshold - negative tolerance: `−3 · eps(float32)` for NIfTI-1, `−3 · eps(float64)`
 *   for NIfTI-2, as nibabel.
 * @throws {NiftiError} `invalid-header` when `|bcd|² > 1 − threshold` (not a unit quaternion).
 */
export function fillPositive(
  bcd: readonly [number, number, number],
  threshold: number,
): Quaternion {
  const [x, y, z] = bcd;
  const w2 = 1 - (x * x + y * y + z * z);
  let w: number;
  if (w2 < 0) {
    if (w2 < threshold || !Number.isFinite(w2)) {
      throw new NiftiError({
        code: 'invalid-header',
        field: 'quatern_b/c/d',
        value: [x, y, z],
        message: `quatern_b² + quatern_c² + quatern_d² must be ≤ 1; got ${1 - w2}`,
      });
    }
    w = 0;
  } else if (Number.isFinite(w2)) {
    w = Math.sqrt(w2);
  } else {
    throw new NiftiError({
      code: 'invalid-header',
      field: 'quatern_b/c/d',
      value: [x, y, z],
      message: `quatern_b, quatern_c, quatern_d must be finite; got ${x}, ${y}, ${z}`,
    });
  }
  return [w, x, y, z];
}

/**
 * The rotation matrix of a quaternion (nibabel's `quat2mat`; non-unit quaternions are
 * normalised, a near-zero one gives the identity).
 */
export function quaternionToMatrix(q: Quaternion): Mat3 {
  const [w, x, y, z] = q;
  const nq = w * w + x * x + y * y + z * z;
  if (nq < Number.EPSILON) {
    return [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
  }
  const s = 2 / nq;
  const [X, Y, Z] = [x * s, y * s, z * s];
  const [wX, wY, wZ] = [w * X, w * Y, w * Z];
  const [xX, xY, xZ] = [x * X, x * Y, x * Z];
  const [yY, yZ, zZ] = [y * Y, y * Z, z * Z];
  return [
    [1 - (yY + zZ), xY - wZ, xZ + wY],
    [xY + wZ, 1 - (xX + zZ), yZ - wX],
    [xZ - wY, yZ + wX, 1 - (xX + yY)],
  ];
}

/**
 * The unit quaternion (with `w ≥ 0`) of a proper rotation matrix (Shepperd's method; for an
 * orthonormal matrix this is the quaternion nibabel's `mat2quat` returns).
 */
export function matrixToQuaternion(m: Mat3): Quaternion {
  const [m00, m01, m02] = m[0] as [number, number, number];
  const [m10, m11, m12] = m[1] as [number, number, number];
  const [m20, m21, m22] = m[2] as [number, number, number];
  const trace = m00 + m11 + m22;
  let q: Quaternion;
  if (trace > 0) {
    const s = 2 * Math.sqrt(trace + 1);
    q = [s / 4, (m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s];
  } else if (m00 > m11 && m00 > m22) {
    const s = 2 * Math.sqrt(1 + m00 - m11 - m22);
    q = [(m21 - m12) / s, s / 4, (m01 + m10) / s, (m02 + m20) / s];
  } else if (m11 > m22) {
    const s = 2 * Math.sqrt(1 + m11 - m00 - m22);
    q = [(m02 - m20) / s, (m01 + m10) / s, s / 4, (m12 + m21) / s];
  } else {
    const s = 2 * Math.sqrt(1 + m22 - m00 - m11);
    q = [(m10 - m01) / s, (m02 + m20) / s, (m12 + m21) / s, s / 4];
  }
  const norm = Math.hypot(...q);
  const sign = q[0] < 0 ? -1 : 1;
  return q.map((value) => (sign * value) / norm) as Quaternion;
}
