import type { Mat4 } from '../volume';

/** A 3 × 3 matrix as 3 rows of 3 numbers. */
export type Mat3 = number[][];

/** The 4 × 4 identity. */
export function identity4(): Mat4 {
  return [
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
  ];
}

/** `a · b` for 4 × 4 matrices. */
export function multiply4(a: Mat4, b: Mat4): Mat4 {
  const out: Mat4 = [];
  for (let r = 0; r < 4; r++) {
    const row: number[] = [];
    for (let c = 0; c < 4; c++) {
      let sum = 0;
      for (let m = 0; m < 4; m++) sum += a[r]![m]! * b[m]![c]!;
      row.push(sum);
    }
    out.push(row);
  }
  return out;
}

/** A deep copy of a 4 × 4 matrix. */
export function copy4(a: Mat4): Mat4 {
  return a.map((row) => [...row]);
}

/** The upper-left 3 × 3 block of an affine (rotation, zooms and shears). */
export function linearPart(a: Mat4): Mat3 {
  return [0, 1, 2].map((r) => [a[r]![0]!, a[r]![1]!, a[r]![2]!]);
}

/** `a · b` for 3 × 3 matrices. */
export function multiply3(a: Mat3, b: Mat3): Mat3 {
  return [0, 1, 2].map((r) =>
    [0, 1, 2].map((c) => a[r]![0]! * b[0]![c]! + a[r]![1]! * b[1]![c]! + a[r]![2]! * b[2]![c]!),
  );
}

/** The transpose of a 3 × 3 matrix. */
export function transpose3(a: Mat3): Mat3 {
  return [0, 1, 2].map((r) => [a[0]![r]!, a[1]![r]!, a[2]![r]!]);
}

/** The determinant of a 3 × 3 matrix. */
export function determinant3(a: Mat3): number {
  const [r0, r1, r2] = a as [number[], number[], number[]];
  return (
    r0[0]! * (r1[1]! * r2[2]! - r1[2]! * r2[1]!) -
    r0[1]! * (r1[0]! * r2[2]! - r1[2]! * r2[0]!) +
    r0[2]! * (r1[0]! * r2[1]! - r1[1]! * r2[0]!)
  );
}

/** The Euclidean length of each column of a 3 × 3 matrix (voxel sizes of an affine). */
export function columnNorms3(a: Mat3): [number, number, number] {
  const norm = (c: number) => Math.hypot(a[0]![c]!, a[1]![c]!, a[2]![c]!);
  return [norm(0), norm(1), norm(2)];
}

/** True when every entry of the matrix is a finite number. */
export function isFiniteMatrix(a: readonly (readonly number[])[]): boolean {
  return a.every((row) => row.every((value) => Number.isFinite(value)));
}
