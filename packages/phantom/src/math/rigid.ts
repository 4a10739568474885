import { normalize, sub, type Vec3 } from './vec3';

/**
 * A rigid transform `p ↦ R·p + t` (rotation `r` row-major 3×3, translation `t`
 * in mm). Fragments of a phantom move by these.
 */
export interface Rigid {
  readonly r: readonly number[];
  readonly t: Vec3;
}

/** The identity transform. */
export const IDENTITY: Rigid = { r: [1, 0, 0, 0, 1, 0, 0, 0, 1], t: [0, 0, 0] };

/** `R·p + t`. */
export function applyPoint(m: Rigid, p: Vec3): Vec3 {
  const r = m.r;
  return [
    r[0]! * p[0] + r[1]! * p[1] + r[2]! * p[2] + m.t[0],
    r[3]! * p[0] + r[4]! * p[1] + r[5]! * p[2] + m.t[1],
    r[6]! * p[0] + r[7]! * p[1] + r[8]! * p[2] + m.t[2],
  ];
}

/** `R·v` (directions ignore the translation). */
export function applyVector(m: Rigid, v: Vec3): Vec3 {
  const r = m.r;
  return [
    r[0]! * v[0] + r[1]! * v[1] + r[2]! * v[2],
    r[3]! * v[0] + r[4]! * v[1] + r[5]! * v[2],
    r[6]! * v[0] + r[7]! * v[1] + r[8]! * v[2],
  ];
}

/** `a ∘ b`: first `b`, then `a`. */
export function compose(a: Rigid, b: Rigid): Rigid {
  const r: number[] = [];
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) {
      let sum = 0;
      for (let k = 0; k < 3; k++) sum += a.r[row * 3 + k]! * b.r[k * 3 + col]!;
      r.push(sum);
    }
  }
  return { r, t: applyPoint(a, b.t) };
}

/** The inverse transform `p ↦ Rᵀ·(p − t)`. */
export function invert(m: Rigid): Rigid {
  const r = m.r;
  const rt = [r[0]!, r[3]!, r[6]!, r[1]!, r[4]!, r[7]!, r[2]!, r[5]!, r[8]!];
  const inverse: Rigid = { r: rt, t: [0, 0, 0] };
  const t = applyVector(inverse, m.t);
  return { r: rt, t: [-t[0], -t[1], -t[2]] };
}

/** A pure translation by `t` mm. */
export function translation(t: Vec3): Rigid {
  return { r: IDENTITY.r, t };
}

/**
 * A rotation by `angleDeg` about the line through `pivot` along `axis`
 * (right-hand rule).
 */
export function rotationAbout(axis: Vec3, angleDeg: number, pivot: Vec3 = [0, 0, 0]): Rigid {
  const [x, y, z] = normalize(axis);
  const a = (angleDeg * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const k = 1 - c;
  const rotation: Rigid = {
    r: [
      c + x * x * k,
      x * y * k - z * s,
      x * z * k + y * s,
      y * x * k + z * s,
      c + y * y * k,
      y * z * k - x * s,
      z * x * k - y * s,
      z * y * k + x * s,
      c + z * z * k,
    ],
    t: [0, 0, 0],
  };
  const moved = applyVector(rotation, pivot);
  return { r: rotation.r, t: sub(pivot, moved) };
}

/** The 12 numbers `[R row 0, t0, R row 1, t1, R row 2, t2]` for fast inner loops. */
export function toRowMajor34(m: Rigid): Float64Array {
  const r = m.r;
  return Float64Array.of(
    r[0]!,
    r[1]!,
    r[2]!,
    m.t[0],
    r[3]!,
    r[4]!,
    r[5]!,
    m.t[1],
    r[6]!,
    r[7]!,
    r[8]!,
    m.t[2],
  );
}
