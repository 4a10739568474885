import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ResizeMode } from '../preprocess/axis-weights';
import { preprocessVolume } from '../preprocess/preprocess-volume';
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

describe('readNiftiPreprocessed = readNifti → preprocessVolume (fused: to float32 rounding)', () => {
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
      outputRange: [0, 1],
      size: shape,
      resizeMode: mode,
      reorientToRas: reorient,
      spacingMm: null,
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

  it('with respacing: exactly preprocessVolume of the volume read', async () => {
    const bytes = niftiBytes(randomVolume([16, 14, 9], 3), { gzip: true });
    const options = {
      windowHu: [-500, 1300],
      outputRange: [-1, 1],
      size: [6, 5, 4],
      resizeMode: 'area',
      reorientToRas: true,
      spacingMm: [1.2, 1.1, 2],
    } as const;
    const read = await readNiftiPreprocessed(bytes, options);
    const composed = preprocessVolume((await readNifti(bytes)).volume, options);
    expect(read.volume).toEqual(composed);
  });

  it('refuses a bad size, window or mode (invalid-argument)', async () => {
    const bytes = niftiBytes(randomVolume([6, 5, 4], 3));
    const base = {
      windowHu: [-500, 1300],
      outputRange: [0, 1],
      size: [4, 4, 4],
      resizeMode: 'area',
      reorientToRas: false,
      spacingMm: null,
    } as const;
    for (const bad of [
      { size: [4, 0, 4] },
      { windowHu: [100, -100] },
      { resizeMode: 'cubic' },
    ] as const) {
      await expect(
        readNiftiPreprocessed(bytes, { ...base, ...(bad as object) } as typeof base),
      ).rejects.toMatchObject({ code: 'invalid-argument' });
    }
  });

  it('streams a multi-slab file (slices arrive in several pieces)', async () => {
    // 256 × 256 × 80 int16 = 10 MiB: more than one 8 MiB slab.
    const volume = randomVolume([256, 256, 80], 4);
    const bytes = niftiBytes(volume, { gzip: true });
    const fused = await readNiftiPreprocessed(bytes, {
      windowHu: [-500, 1300],
      outputRange: [0, 1],
      size: [16, 16, 10],
      resizeMode: 'area',
      reorientToRas: false,
      spacingMm: null,
    });
    const composed = resizeVolume(windowIntensity(volume, { windowHu: [-500, 1300] }), {
      shape: [16, 16, 10],
    });
    expect(maxAbsDifference(fused.volume.data, composed.data)).toBeLessThan(1e-6);
  });
});
