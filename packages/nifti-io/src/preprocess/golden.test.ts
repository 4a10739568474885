import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Mat4, Vec3, Volume } from '../volume';
import { resampleOntoGrid } from './resample-onto-grid';

// Golden values recorded before the trilinear sampler became one (nifti-io's resampleOntoGrid,
// the trainer's augmentation and densenet3d's heatmap resize each had their own): outputs stay
// bitwise the same.
function digest(values: Float32Array): string {
  return createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex');
}

function volume(shape: Vec3, affine: Mat4): Volume {
  const data = Float32Array.from(
    { length: shape[0] * shape[1] * shape[2] },
    (_, i) => Math.sin(i * 0.731) * 800 + Math.cos(i * 0.017) * 300,
  );
  return { data, shape, spacingMm: [1, 1, 1], affine };
}

const OBLIQUE: Mat4 = [
  [-0.8, 0.15, 0.1, 30],
  [0.1, 0.9, -0.3, -12],
  [0.05, 0.2, 2.4, 4],
  [0, 0, 0, 1],
];
const LPS: Mat4 = [
  [-0.7, 0, 0, 20],
  [0, -0.7, 0, 15],
  [0, 0, 1.5, -30],
  [0, 0, 0, 1],
];
const TARGET: Mat4 = [
  [1.1, 0.05, 0, 18],
  [0, 1.3, 0.1, -6],
  [0.02, 0, 1.7, -20],
  [0, 0, 0, 1],
];

describe('resampleOntoGrid is unchanged (golden)', () => {
  it.each([
    ['oblique → target, trilinear', OBLIQUE, 'trilinear', 0],
    ['oblique → target, nearest', OBLIQUE, 'nearest', 0],
    ['LPS → target, trilinear, fill −1', LPS, 'trilinear', -1],
  ] as const)('%s', (_name, affine, mode, fill) => {
    const source = volume([17, 13, 11], affine);
    const out = resampleOntoGrid(source, { shape: [15, 12, 9], affine: TARGET }, { mode, fill });
    expect(digest(out.data)).toMatchSnapshot();
  });
});
