import { describe, expect, it } from 'vitest';
import { NiftiError } from '../errors/nifti-error';
import { seededRandom } from '../testing/nifti-bytes';
import type { Mat4 } from '../volume';
import { qformAffine } from './header-affine';
import { type Mat3, multiply3, transpose3 } from './mat4';
import { qformFromAffine } from './qform-from-affine';
import { fillPositive, matrixToQuaternion, quaternionToMatrix } from './quaternion';

function randomRotation(next: () => number): Mat3 {
  const q = [next() - 0.5, next() - 0.5, next() - 0.5, next() - 0.5];
  const norm = Math.hypot(...q);
  return quaternionToMatrix(q.map((x) => x / norm) as [number, number, number, number]);
}

describe('quaternions (NIfTI standard, nibabel quat2mat / mat2quat / fillpositive)', () => {
  it('matrix → quaternion → matrix is the identity on rotations, with a ≥ 0', () => {
    const next = seededRandom(5);
    for (let trial = 0; trial < 200; trial++) {
      const rotation = randomRotation(next);
      const q = matrixToQuaternion(rotation);
      expect(q[0]).toBeGreaterThanOrEqual(0);
      const back = quaternionToMatrix(q);
      for (let r = 0; r < 3; r++)
        for (let c = 0; c < 3; c++) expect(back[r]![c]).toBeCloseTo(rotation[r]![c]!, 12);
      const product = multiply3(back, transpose3(back));
      for (let r = 0; r < 3; r++)
        for (let c = 0; c < 3; c++) expect(product[r]![c]).toBeCloseTo(r === c ? 1 : 0, 12);
    }
  });

  it.each([
    ['zero vector → identity', [0, 0, 0], [1, 0, 0, 0]],
    ['180° about x', [1, 0, 0], [0, 1, 0, 0]],
    [
      '|bcd|² slightly over 1 within float32 tolerance → a = 0',
      [1 + 1e-7, 0, 0],
      [0, 1 + 1e-7, 0, 0],
    ],
  ] as [string, [number, number, number], number[]][])('fillPositive: %s', (_name, bcd, q) => {
    expect(fillPositive(bcd, -3 * 2 ** -23)).toEqual(q);
  });

  it('fillPositive rejects a non-unit quaternion', () => {
    expect(() => fillPositive([0.9, 0.9, 0], -3 * 2 ** -23)).toThrow(NiftiError);
  });

  it('qformFromAffine → qformAffine reproduces rigid + zoom affines of both handedness', () => {
    const next = seededRandom(9);
    for (let trial = 0; trial < 100; trial++) {
      const rotation = randomRotation(next);
      const zooms = [0.5 + next(), 0.5 + next(), 0.5 + 3 * next()];
      const flip = trial % 2 === 0 ? 1 : -1;
      const affine: Mat4 = [0, 1, 2].map((r) => [
        rotation[r]![0]! * zooms[0]!,
        rotation[r]![1]! * zooms[1]!,
        rotation[r]![2]! * zooms[2]! * flip,
        100 * (next() - 0.5),
      ]);
      affine.push([0, 0, 0, 1]);
      const q = qformFromAffine(affine);
      expect(q.qfac).toBe(flip);
      const back = qformAffine({
        quaternBcd: q.quaternBcd,
        qoffset: q.qoffset,
        pixdim: [q.qfac, ...q.zooms],
        qfac: q.qfac,
        quaternionThreshold: -3 * Number.EPSILON,
      });
      for (let r = 0; r < 4; r++)
        for (let c = 0; c < 4; c++) expect(back[r]![c]).toBeCloseTo(affine[r]![c]!, 10);
    }
  });
});
