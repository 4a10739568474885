import { describe, expect, it } from 'vitest';
import { randomVolume } from '../testing/nifti-bytes';
import type { Mat4 } from '../volume';
import { type PreprocessOptions, preprocessVolume } from './preprocess-volume';
import { reorientToRas } from './reorient';
import { resampleToSpacing } from './resample-spacing';
import { resizeVolume } from './resize-volume';
import { windowIntensity } from './window';

const ORIGINAL: PreprocessOptions = {
  windowHu: [-500, 1300],
  outputRange: [0, 1],
  size: [8, 7, 6],
  resizeMode: 'area',
  reorientToRas: false,
  spacingMm: null,
};
const LPS: Mat4 = [
  [-0.7, 0, 0, 100],
  [0, -0.7, 0, 50],
  [0, 0, 1.5, -300],
  [0, 0, 0, 1],
];

describe('preprocessVolume: reorient → respace → window → resize', () => {
  const scan = randomVolume([20, 18, 11], 5, LPS);

  it.each<[string, Partial<PreprocessOptions>]>([
    ['the original recipe (window, area resize)', {}],
    ['reoriented to RAS, trilinear', { reorientToRas: true, resizeMode: 'trilinear' }],
    ['respaced to 1 mm, output [−1, 1]', { spacingMm: [1, 1, 1], outputRange: [-1, 1] }],
    [
      'all steps, nearest',
      { reorientToRas: true, spacingMm: [1.4, 1.4, 2], resizeMode: 'nearest' },
    ],
  ])('%s', (_name, overrides) => {
    const options = { ...ORIGINAL, ...overrides };
    let expected = options.reorientToRas ? reorientToRas(scan) : scan;
    if (options.spacingMm !== null) {
      expected = resampleToSpacing(expected, { spacingMm: options.spacingMm, mode: 'trilinear' });
    }
    expected = windowIntensity(expected, options);
    expected = resizeVolume(expected, { shape: options.size, mode: options.resizeMode });
    const input = preprocessVolume(scan, options);
    expect(input).toEqual(expected);
    expect(input.shape).toEqual(options.size);
  });

  it('windows after respacing: interpolated HU are clipped, not interpolated clipped values', () => {
    // Respacing first mixes −1000 and +1000 HU towards 0 HU, which the window [0, 1000] maps
    // near 0; windowing first clips them to 0 and 1 and averages those towards 0.5.
    const edge = { ...scan, data: scan.data.map((_, i) => (i % 2 === 0 ? -1000 : 1000)) };
    const options = {
      ...ORIGINAL,
      windowHu: [0, 1000] as const,
      spacingMm: [1.4, 1.4, 3] as const,
    };
    const respacedFirst = preprocessVolume(edge, options);
    const windowedFirst = resizeVolume(
      resampleToSpacing(windowIntensity(edge, options), { spacingMm: options.spacingMm }),
      { shape: options.size },
    );
    expect(respacedFirst.data).not.toEqual(windowedFirst.data);
  });

  it('does not modify its input', () => {
    const copy = scan.data.slice();
    preprocessVolume(scan, { ...ORIGINAL, reorientToRas: true, spacingMm: [1, 1, 1] });
    expect(scan.data).toEqual(copy);
  });

  it.each<[string, Partial<PreprocessOptions>]>([
    ['a window with lo ≥ hi', { windowHu: [100, 100] }],
    ['a zero size', { size: [8, 0, 6] }],
    ['an unknown resize mode', { resizeMode: 'cubic' as never }],
    ['a non-positive spacing', { spacingMm: [1, 0, 1] }],
  ])('refuses %s (invalid-argument)', (_name, overrides) => {
    expect(() => preprocessVolume(scan, { ...ORIGINAL, ...overrides })).toThrow(
      expect.objectContaining({ code: 'invalid-argument' }),
    );
  });
});
