import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ResizeMode } from '../preprocess/axis-weights';
import { reorientToRas } from '../preprocess/reorient';
import { resizeVolume } from '../preprocess/resize-volume';
import { windowIntensity } from '../preprocess/window';
import { niftiBytes, randomVolume } from '../testing/nifti-bytes';
import type { Vec3 } from '../volume';
import { readNifti } from './read-nifti';
import { readNiftiPreprocessed } from './read-preprocessed';

const FIXTURES = fileURLToPath(new URL('../../fixtures/nifti/', import.meta.url));

function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let index = 0; index < a.length; index++)
    worst = Math.max(worst, Math.abs(a[index]! - b[index]!));
  return worst;
}

describe('readNiftiPreprocessed = readNifti → reorientToRas → windowIntensity → resizeVolume', () => {
  const files = [
    'lps.nii',
    'oblique.nii.gz',
    'qform_only_qfac-1.nii',
    'be_int16.nii',
    'scaled_int16_inter-1024.nii.gz',
    '4d_float32.nii.gz',
  ];
  const cases: [string, ResizeMode, boolean, Vec3][] = [];
  for (const file of files) {
    cases.push([file, 'area', false, [4, 3, 2]]);
    cases.push([file, 'area', true, [3, 5, 4]]);
    cases.push([file, 'trilinear', true, [9, 8, 7]]);
    cases.push([file, 'nearest', true, [4, 3, 5]]);
  }
  it.each(cases)('%s, %s, reorient %s, to %j', async (file, mode, reorient, shape) => {
    const windowHu = file.startsWith('4d') ? ([-1, 1] as const) : ([-500, 1300] as const);
    const frame = file.startsWith('4d') ? 2 : 0;
    const fused = await readNiftiPreprocessed(`${FIXTURES}${file}`, {
      windowHu,
      shape,
      mode,
      reorientToRas: reorient,
      frame,
    });
    const { volume } = await readNifti(`${FIXTURES}${file}`, { frame });
    const oriented = reorient ? reorientToRas(volume) : volume;
    const composed = resizeVolume(windowIntensity(oriented, { windowHu }), { shape, mode });
    expect(fused.volume.shape).toEqual(shape);
    expect(maxAbsDifference(fused.volume.data, composed.data)).toBeLessThan(1e-6);
    for (let r = 0; r < 4; r++)
      for (let c = 0; c < 4; c++)
        expect(fused.volume.affine[r]![c]).toBeCloseTo(composed.affine[r]![c]!, 9);
    for (let axis = 0; axis < 3; axis++)
      expect(fused.volume.spacingMm[axis]).toBeCloseTo(composed.spacingMm[axis]!, 9);
  });

  it('without a shape: the windowed full-size volume', async () => {
    const bytes = niftiBytes(randomVolume([6, 5, 4], 3), { gzip: true });
    const fused = await readNiftiPreprocessed(bytes, { windowHu: [-500, 1300] });
    const composed = windowIntensity((await readNifti(bytes)).volume, { windowHu: [-500, 1300] });
    expect(Array.from(fused.volume.data)).toEqual(Array.from(composed.data));
  });

  it('streams a multi-slab file (slices arrive in several pieces)', async () => {
    // 256 × 256 × 80 int16 = 10 MiB: more than one 8 MiB slab.
    const volume = randomVolume([256, 256, 80], 4);
    const bytes = niftiBytes(volume, { gzip: true });
    const fused = await readNiftiPreprocessed(bytes, {
      windowHu: [-500, 1300],
      shape: [16, 16, 10],
    });
    const composed = resizeVolume(windowIntensity(volume, { windowHu: [-500, 1300] }), {
      shape: [16, 16, 10],
    });
    expect(maxAbsDifference(fused.volume.data, composed.data)).toBeLessThan(1e-6);
  });
});
