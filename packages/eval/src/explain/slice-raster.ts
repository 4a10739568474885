import { infernoColour } from './colour-map';
import type { DisplaySlice } from './display-slices';

/** How a heatmap is laid over the CT. */
export interface OverlayStyle {
  /** CT display window in HU (default the bone window W 1800 / L 400: [−500, 1300]). */
  windowHu: readonly [number, number];
  /** Opacity of the strongest heat (default 0.6). */
  opacity: number;
  /**
   * Heat at which the overlay reaches full `opacity` (default 0.3); below it the opacity falls
   * linearly to 0 at heat 0, so the CT stays visible where the evidence is weak.
   */
  rampTo: number;
  /** Heat at or below this is not drawn at all (default 0). */
  threshold: number;
}

/** The default overlay style. */
export const DEFAULT_OVERLAY_STYLE: OverlayStyle = {
  windowHu: [-500, 1300],
  opacity: 0.6,
  rampTo: 0.3,
  threshold: 0,
};

/** An RGBA raster, row-major, 4 bytes per pixel. */
export interface Raster {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * The source voxel (column, row) of each pixel of a `width × height` raster showing a slice:
 * nearest neighbour, so every pixel shows exactly one voxel.
 * @example
 * const voxelOfPixel = pixelSource(slice, 160, 120); // slice.values[voxelOfPixel[y * 160 + x]]
 */
export function pixelSource(slice: DisplaySlice, width: number, height: number): Int32Array {
  const source = new Int32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = Math.min(slice.rows - 1, Math.floor(((y + 0.5) * slice.rows) / height));
    for (let x = 0; x < width; x++) {
      const column = Math.min(slice.columns - 1, Math.floor(((x + 0.5) * slice.columns) / width));
      source[y * width + x] = row * slice.columns + column;
    }
  }
  return source;
}

/**
 * A CT slice in grey (window → 0–255) with a heatmap slice blended over it in inferno:
 * `out = grey · (1 − α) + colour · α`, `α = opacity · min(1, heat / rampTo)` where
 * `heat > threshold`, else the grey pixel unchanged.
 * @param ct - the CT slice (HU).
 * @param heat - the heatmap slice on the same voxels (0–1).
 * @example
 * const raster = overlayRaster(ctSlice, heatSlice, 160, 120, DEFAULT_OVERLAY_STYLE);
 */
export function overlayRaster(
  ct: DisplaySlice,
  heat: DisplaySlice | undefined,
  width: number,
  height: number,
  style: OverlayStyle,
): Raster {
  const source = pixelSource(ct, width, height);
  const rgba = new Uint8Array(width * height * 4);
  const [lo, hi] = style.windowHu;
  for (let pixel = 0; pixel < source.length; pixel++) {
    const voxel = source[pixel]!;
    const hu = ct.values[voxel]!;
    const grey = Math.round(255 * Math.min(1, Math.max(0, (hu - lo) / (hi - lo))));
    let rgb: [number, number, number] = [grey, grey, grey];
    const h = heat === undefined ? 0 : heat.values[voxel]!;
    if (h > style.threshold) {
      const alpha = style.opacity * Math.min(1, h / style.rampTo);
      const colour = infernoColour(h);
      rgb = rgb.map((g, c) => Math.round(g * (1 - alpha) + colour[c]! * alpha)) as typeof rgb;
    }
    rgba.set([rgb[0], rgb[1], rgb[2], 255], pixel * 4);
  }
  return { width, height, rgba };
}
