import { sampleTrilinear } from '@ct-fracture/nifti-io';

/** A 3 × 3 matrix, row-major: `m[row][column]`. */
export type Matrix3 = [
  [number, number, number],
  [number, number, number],
  [number, number, number],
];

/** The rotation matrix about voxel axis 0, 1 or 2 by `angleRad` (right-handed). */
export function axisRotation(axis: 0 | 1 | 2, angleRad: number): Matrix3 {
  const c = Math.cos(angleRad);
  const s = Math.sin(angleRad);
  if (axis === 0) {
    return [
      [1, 0, 0],
      [0, c, -s],
      [0, s, c],
    ];
  }
  if (axis === 1) {
    return [
      [c, 0, s],
      [0, 1, 0],
      [-s, 0, c],
    ];
  }
  return [
    [c, -s, 0],
    [s, c, 0],
    [0, 0, 1],
  ];
}

/** The product `a · b`. */
export function multiply3(a: Matrix3, b: Matrix3): Matrix3 {
  const out: Matrix3 = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let r = 0; r < 3; r += 1) {
    for (let c = 0; c < 3; c += 1) {
      out[r][c] = a[r]![0] * b[0]![c]! + a[r]![1] * b[1]![c]! + a[r]![2] * b[2]![c]!;
    }
  }
  return out;
}

/**
 * MONAI's `create_rotate` for 3D: R = Rx(θ0) · Ry(θ1) · Rz(θ2), angles in radians about voxel
 * axes 0, 1, 2.
 */
export function rotationMatrix(anglesRad: readonly [number, number, number]): Matrix3 {
  return multiply3(
    multiply3(axisRotation(0, anglesRad[0]), axisRotation(1, anglesRad[1])),
    axisRotation(2, anglesRad[2]),
  );
}

/**
 * Resamples a volume through a linear map about its centre: output voxel p takes the input value
 * at `c + M · (p − c)` (c = the centre, `(n − 1) / 2` per axis), by trilinear interpolation with
 * border padding (coordinates clamped to the volume, as `grid_sample(padding_mode='border')`),
 * through `@ct-fracture/nifti-io`'s `sampleTrilinear`.
 * To rotate the content by R and magnify it by z, pass `M = Rᵀ / z`.
 * @param data - C-order values over `shape` = [D, H, W] (W fastest).
 * @returns a new array of the same shape.
 * @example
 * const rotated = affineResample(volume, [64, 64, 64], transpose3(rotationMatrix([0.1, 0, 0])));
 */
export function affineResample(
  data: Float32Array,
  shape: readonly [number, number, number],
  matrix: Matrix3,
): Float32Array {
  const [nd, nh, nw] = shape;
  if (data.length !== nd * nh * nw) {
    throw new RangeError(
      `data must have ${nd * nh * nw} values for shape ${shape}, got ${data.length}`,
    );
  }
  const out = new Float32Array(data.length);
  const cd = (nd - 1) / 2;
  const ch = (nh - 1) / 2;
  const cw = (nw - 1) / 2;
  const [m0, m1, m2] = matrix;
  let index = 0;
  for (let d = 0; d < nd; d += 1) {
    const pd = d - cd;
    for (let h = 0; h < nh; h += 1) {
      const ph = h - ch;
      // Source coordinates are affine in w: start + w · step.
      let sd = cd + m0[0] * pd + m0[1] * ph - m0[2] * cw;
      let sh = ch + m1[0] * pd + m1[1] * ph - m1[2] * cw;
      let sw = cw + m2[0] * pd + m2[1] * ph - m2[2] * cw;
      for (let w = 0; w < nw; w += 1) {
        const qd = Math.min(Math.max(sd, 0), nd - 1);
        const qh = Math.min(Math.max(sh, 0), nh - 1);
        const qw = Math.min(Math.max(sw, 0), nw - 1);
        out[index] = sampleTrilinear(data, shape, qd, qh, qw);
        index += 1;
        sd += m0[2];
        sh += m1[2];
        sw += m2[2];
      }
    }
  }
  return out;
}

/** The transpose (= inverse, for a rotation). */
export function transpose3(m: Matrix3): Matrix3 {
  return [
    [m[0][0], m[1][0], m[2][0]],
    [m[0][1], m[1][1], m[2][1]],
    [m[0][2], m[1][2], m[2][2]],
  ];
}
