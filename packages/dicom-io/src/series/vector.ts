import type { Vec3 } from '../volume';

export const dot = (a: readonly number[], b: readonly number[]): number =>
  a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;

export const cross = (a: readonly number[], b: readonly number[]): Vec3 => [
  a[1]! * b[2]! - a[2]! * b[1]!,
  a[2]! * b[0]! - a[0]! * b[2]!,
  a[0]! * b[1]! - a[1]! * b[0]!,
];

export const norm = (a: readonly number[]): number => Math.sqrt(dot(a, a));

export const sub = (a: readonly number[], b: readonly number[]): Vec3 => [
  a[0]! - b[0]!,
  a[1]! - b[1]!,
  a[2]! - b[2]!,
];

export const scale = (a: readonly number[], factor: number): Vec3 => [
  a[0]! * factor,
  a[1]! * factor,
  a[2]! * factor,
];

/** Numbers for messages: up to 3 decimals, no trailing zeros. */
export const mm = (value: number): string => `${Number(value.toFixed(3))}`;

export const vector = (values: readonly number[]): string => `[${values.map(mm).join(', ')}]`;
