import { type Mat4, reorientToRas, type Vec3, type Volume } from '@ct-fracture/nifti-io';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { EvaluationError } from '../errors/evaluation-error';
import { displaySlice } from './display-slices';
import { renderGradCamMosaic } from './render-mosaic';
import { pixelSource } from './slice-raster';

const AFFINE: Mat4 = [
  [-0.9, 0, 0, 30],
  [0, -0.8, 0, 20],
  [0, 0, 2.5, -40],
  [0, 0, 0, 1],
];

function volume(shape: Vec3, f: (i: number, j: number, k: number) => number): Volume {
  const data = new Float32Array(shape[0] * shape[1] * shape[2]);
  let index = 0;
  for (let i = 0; i < shape[0]; i++)
    for (let j = 0; j < shape[1]; j++)
      for (let k = 0; k < shape[2]; k++) data[index++] = f(i, j, k);
  return { data, shape, spacingMm: [0.9, 0.8, 2.5], affine: AFFINE };
}

const SHAPE: Vec3 = [40, 36, 24];
/** A CT-like phantom: soft tissue, a bony ring, air outside. */
const CT = volume(SHAPE, (i, j, k) => {
  const r = Math.hypot(i - 20, j - 18);
  return r > 16 ? -1000 : r > 9 && r < 12 ? 1400 + 10 * k : 40;
});
/** A compact blob of heat (exactly 0 outside a sphere), off-centre. */
const HEAT = volume(SHAPE, (i, j, k) => {
  const r = Math.hypot((i - 12) * 0.9, (j - 22) * 0.8, (k - 15) * 2.5);
  return r < 9 ? 1 - r / 9 : 0;
});

function decode(png: Uint8Array): PNG {
  return PNG.sync.read(Buffer.from(png));
}

describe('renderGradCamMosaic', () => {
  it('draws 3 planes × (max + 4) panels; the overlay changes pixels only where the heatmap is non-zero', async () => {
    const mosaic = await renderGradCamMosaic(CT, HEAT, { title: 'test', subtitle: 'blob' });
    if (process.env.MOSAIC_OUT)
      (await import('node:fs')).writeFileSync(process.env.MOSAIC_OUT, mosaic.png);
    const image = decode(mosaic.png);
    expect([image.width, image.height]).toEqual([mosaic.width, mosaic.height]);
    expect(mosaic.panels).toHaveLength(15);
    // Panels keep the physical aspect: axial 40 × 0.9 mm wide, 36 × 0.8 mm high.
    const axial = mosaic.panels.find((panel) => panel.plane === 'axial')!;
    expect(axial.width / axial.height).toBeCloseTo((40 * 0.9) / (36 * 0.8), 1);
    // The same slices with no heat: the reference.
    const zero = { ...HEAT, data: new Float32Array(HEAT.data.length) };
    const reference = decode(
      (
        await renderGradCamMosaic(CT, zero, {
          title: 'test',
          subtitle: 'blob',
          slices: mosaic.slices,
        })
      ).png,
    );
    const heatRas = reorientToRas(HEAT);
    const hot = new Uint8Array(mosaic.width * mosaic.height); // 1 where a panel pixel shows heat > 0
    for (const panel of mosaic.panels) {
      const slice = displaySlice(heatRas, panel.plane, panel.index);
      const source = pixelSource(slice, panel.width, panel.height);
      source.forEach((voxel, pixel) => {
        if (slice.values[voxel]! > 0) {
          const x = panel.x + (pixel % panel.width);
          const y = panel.y + Math.floor(pixel / panel.width);
          hot[y * mosaic.width + x] = 1;
        }
      });
    }
    let changed = 0;
    let changedOutsideHeat = 0;
    let hotPixels = 0;
    for (let pixel = 0; pixel < hot.length; pixel++) {
      hotPixels += hot[pixel]!;
      const differs = [0, 1, 2, 3].some(
        (c) => image.data[pixel * 4 + c] !== reference.data[pixel * 4 + c],
      );
      if (!differs) continue;
      changed++;
      if (hot[pixel] === 0) changedOutsideHeat++;
    }
    expect(changedOutsideHeat).toBe(0);
    expect(changed).toBeGreaterThan(0.8 * hotPixels);
    expect(hotPixels).toBeGreaterThan(1000);
  });

  it('puts the first slice of each row through the maximum', async () => {
    const mosaic = await renderGradCamMosaic(CT, HEAT, { slicesPerPlane: 2, panelSize: 64 });
    const heatRas = reorientToRas(HEAT);
    // Peak of HEAT at (12, 22, 15) in LPS voxels → RAS voxels flip i and j.
    expect(heatRas.shape).toEqual([40, 36, 24]);
    expect(mosaic.slices).toEqual({
      axial: [15, 8, 16],
      coronal: [13, 12, 24],
      sagittal: [27, 13],
    });
    expect(decode(mosaic.png).width).toBe(mosaic.width);
  });

  it.each([
    [
      'a heatmap on another grid',
      () =>
        renderGradCamMosaic(CT, {
          ...HEAT,
          affine: AFFINE.map((row, r) => (r === 0 ? [0.9, 0, 0, 0] : row)),
        }),
    ],
    ['a slice out of range', () => renderGradCamMosaic(CT, HEAT, { slices: { axial: [24] } })],
    ['a tiny panel size', () => renderGradCamMosaic(CT, HEAT, { panelSize: 4 })],
  ])('refuses %s', async (_name, run) => {
    await expect(run()).rejects.toThrow(EvaluationError);
  });
});
