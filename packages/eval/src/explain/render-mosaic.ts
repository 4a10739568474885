import { reorientToRas, type Volume } from '@ct-fracture/nifti-io';
import { PNG } from 'pngjs';
import { EvaluationError } from '../errors/evaluation-error';
import { PLOT_FONT } from '../plots/render-vega-lite';
import { escapeHtml } from '../report/html-text';
import { INFERNO_STOPS } from './colour-map';
import {
  displaySlice,
  mosaicSliceIndices,
  planeAxis,
  SLICE_PLANES,
  type SlicePlane,
} from './display-slices';
import { DEFAULT_OVERLAY_STYLE, type OverlayStyle, overlayRaster } from './slice-raster';

/** Options of {@link renderGradCamMosaic}. */
export interface MosaicOptions {
  /** First line at the top (e.g. task, class, probability). */
  title?: string;
  /** Second line (e.g. scan, method, layer, maximum). */
  subtitle?: string;
  /** Evenly spaced slices per plane besides the one through the maximum (default 4). */
  slicesPerPlane?: number;
  /** The larger side of the largest panel, in pixels (default 200). */
  panelSize?: number;
  /** Overlay look (window, opacity, ramp, threshold); default {@link DEFAULT_OVERLAY_STYLE}. */
  style?: Partial<OverlayStyle>;
  /**
   * Explicit slice indices per plane on the RAS-reoriented grid (first = the highlighted one);
   * default: through the heatmap's maximum, then evenly spaced.
   */
  slices?: Partial<Record<SlicePlane, number[]>>;
}

/** Where one panel landed in the mosaic PNG. */
export interface MosaicPanel {
  plane: SlicePlane;
  /** Slice index on the RAS-reoriented grid along the plane's axis. */
  index: number;
  /** True for the first slice of each row: the one through the maximum (unless `slices` chose). */
  throughMaximum: boolean;
  /** Pixel rectangle of the image (captions and edge letters lie outside it). */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A rendered mosaic. */
export interface Mosaic {
  png: Uint8Array;
  svg: string;
  width: number;
  height: number;
  panels: MosaicPanel[];
  /** The slices drawn, per plane (pass back as `slices` to redraw the same ones). */
  slices: Record<SlicePlane, number[]>;
}

const MARGIN = 16;
const HEADER = 58;
const ROW_LABEL = 84;
const EDGE = 16;
const CAPTION = 18;
const BAR_AREA = 110;

function argmax(data: Float32Array): number {
  let best = 0;
  for (let index = 1; index < data.length; index++) if (data[index]! > data[best]!) best = index;
  return best;
}

function encodePng(width: number, height: number, rgba: Uint8Array): string {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${x}" y="${y}" ${attributes}>${escapeHtml(content)}</text>`;
}

function colourBar(x: number, y: number, height: number): string {
  // Offsets must increase: the top of the bar (offset 0) is the strongest heat.
  const last = INFERNO_STOPS.length - 1;
  const stops = INFERNO_STOPS.map(
    (_, index) =>
      `<stop offset="${(index / last).toFixed(3)}" stop-color="${INFERNO_STOPS[last - index]}"/>`,
  ).join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((value) => {
    const ty = y + height * (1 - value);
    return `<line x1="${x + 18}" y1="${ty}" x2="${x + 23}" y2="${ty}" stroke="#333"/>${text(
      x + 27,
      ty + 4,
      value.toFixed(2),
      'font-size="11"',
    )}`;
  });
  return [
    `<defs><linearGradient id="inferno" x1="0" y1="0" x2="0" y2="1">${stops}</linearGradient></defs>`,
    `<rect x="${x}" y="${y}" width="18" height="${height}" fill="url(#inferno)" stroke="#333"/>`,
    ...ticks,
    text(x, y - 10, 'Grad-CAM', 'font-size="12" font-weight="bold"'),
    text(x, y + height + 18, '÷ its maximum', 'font-size="11"'),
  ].join('');
}

/**
 * A PNG mosaic of a Grad-CAM heatmap over its CT: one row per plane (axial, coronal, sagittal),
 * first the slice through the heatmap's maximum (outlined), then evenly spaced slices; the CT in
 * a bone window in grey, the heatmap in inferno, semi-transparent where it is non-zero
 * ({@link overlayRaster}), patient directions at the edges (radiological: the patient's right
 * on the left), and a labelled colour bar. Both volumes are reoriented to the closest RAS for
 * display (no interpolation); panels keep the physical aspect ratio (nearest-neighbour pixels).
 * Slices are raster PNGs (pngjs) placed 1:1 in an SVG that resvg renders, so the text uses the
 * same fonts as the other plots.
 * @param ct - the scan in HU.
 * @param heatmap - the heatmap on the same voxel grid (same shape and affine), values 0–1.
 * @throws {@link EvaluationError} `invalid-input` when the grids differ or options are bad.
 * @example
 * ```ts
 * const { png } = await renderGradCamMosaic(scan, explained.scanHeatmap, { title: 'gt_displacement = yes' });
 * await writeFileAtomic('gradcam.png', png); // @ct-fracture/core/node
 * ```
 */
export async function renderGradCamMosaic(
  ct: Volume,
  heatmap: Volume,
  options: MosaicOptions = {},
): Promise<Mosaic> {
  if (
    ct.shape.some((extent, axis) => extent !== heatmap.shape[axis]) ||
    ct.affine.some((row, r) =>
      row.some((value, c) => Math.abs(value - heatmap.affine[r]![c]!) > 1e-6),
    )
  ) {
    throw new EvaluationError({
      code: 'invalid-input',
      message: `the heatmap must be on the CT's voxel grid (shape [${ct.shape}], same affine), got shape [${heatmap.shape}]`,
    });
  }
  const count = options.slicesPerPlane ?? 4;
  const panelSize = options.panelSize ?? 200;
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(panelSize) || panelSize < 16) {
    throw new EvaluationError({
      code: 'invalid-input',
      message: `slicesPerPlane must be an integer ≥ 0 and panelSize an integer ≥ 16, got ${count} and ${panelSize}`,
    });
  }
  const style: OverlayStyle = { ...DEFAULT_OVERLAY_STYLE, ...options.style };
  const ctRas = reorientToRas(ct);
  const heatRas = reorientToRas(heatmap);
  const [, nj, nk] = heatRas.shape;
  const peakIndex = argmax(heatRas.data);
  const peak = [Math.floor(peakIndex / (nj * nk)), Math.floor(peakIndex / nk) % nj, peakIndex % nk];
  const slices = {} as Record<SlicePlane, number[]>;
  for (const plane of SLICE_PLANES) {
    const axis = planeAxis(plane);
    const chosen =
      options.slices?.[plane] ?? mosaicSliceIndices(ctRas.shape[axis], peak[axis]!, count);
    if (
      chosen.length === 0 ||
      chosen.some((i) => !Number.isInteger(i) || i < 0 || i >= ctRas.shape[axis])
    ) {
      throw new EvaluationError({
        code: 'invalid-input',
        message: `slices.${plane} must be indices in [0, ${ctRas.shape[axis] - 1}], got [${chosen}]`,
      });
    }
    slices[plane] = chosen;
  }
  // One mm → pixel scale for every panel, so that planes compare.
  const extentMm = SLICE_PLANES.flatMap((plane) => {
    const slice = displaySlice(ctRas, plane, 0);
    return [slice.columns * slice.columnMm, slice.rows * slice.rowMm];
  });
  const scale = panelSize / Math.max(...extentMm);
  const columns = Math.max(...SLICE_PLANES.map((plane) => slices[plane].length));
  const cellWidth = panelSize + 2 * EDGE;
  const cellHeight = panelSize + 2 * EDGE + CAPTION;
  const width = MARGIN * 2 + ROW_LABEL + columns * cellWidth + BAR_AREA;
  const height = MARGIN * 2 + HEADER + SLICE_PLANES.length * cellHeight;
  const parts: string[] = [];
  const panels: MosaicPanel[] = [];
  SLICE_PLANES.forEach((plane, row) => {
    const top = MARGIN + HEADER + row * cellHeight;
    parts.push(
      text(
        MARGIN,
        top + EDGE + panelSize / 2,
        plane[0]!.toUpperCase() + plane.slice(1),
        'font-size="14" font-weight="bold"',
      ),
    );
    slices[plane].forEach((index, column) => {
      const ctSlice = displaySlice(ctRas, plane, index);
      const heatSlice = displaySlice(heatRas, plane, index);
      const w = Math.max(1, Math.round(ctSlice.columns * ctSlice.columnMm * scale));
      const h = Math.max(1, Math.round(ctSlice.rows * ctSlice.rowMm * scale));
      const left = MARGIN + ROW_LABEL + column * cellWidth;
      const x = left + EDGE + Math.floor((panelSize - w) / 2);
      const y = top + EDGE + Math.floor((panelSize - h) / 2);
      const raster = overlayRaster(ctSlice, heatSlice, w, h, style);
      panels.push({ plane, index, throughMaximum: column === 0, x, y, width: w, height: h });
      parts.push(
        `<image x="${x}" y="${y}" width="${w}" height="${h}" image-rendering="optimizeSpeed" preserveAspectRatio="none" href="${encodePng(w, h, raster.rgba)}"/>`,
      );
      if (column === 0)
        parts.push(
          `<rect x="${x - 2.5}" y="${y - 2.5}" width="${w + 5}" height="${h + 5}" fill="none" stroke="#d62728" stroke-width="2"/>`,
        );
      const { edges } = ctSlice;
      const letter = 'font-size="11" fill="#555" text-anchor="middle"';
      parts.push(
        text(x - 8, y + h / 2 + 4, edges.left, letter),
        text(x + w + 8, y + h / 2 + 4, edges.right, letter),
        text(x + w / 2, y - 5, edges.top, letter),
        text(x + w / 2, y + h + 13, edges.bottom, letter),
        text(
          left + cellWidth / 2,
          y + h + 30,
          `${'ijk'[planeAxis(plane)]} = ${index}${column === 0 ? ' (max)' : ''}`,
          'font-size="12" text-anchor="middle"',
        ),
      );
    });
  });
  parts.push(colourBar(width - MARGIN - BAR_AREA + 20, MARGIN + HEADER + 30, 3 * cellHeight - 90));
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${PLOT_FONT}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    text(MARGIN, MARGIN + 18, options.title ?? 'Grad-CAM', 'font-size="16" font-weight="bold"'),
    text(MARGIN, MARGIN + 40, options.subtitle ?? '', 'font-size="12" fill="#333"'),
    ...parts,
    '</svg>',
  ].join('\n');
  const resvg = await import('@resvg/resvg-js');
  const png = new resvg.Resvg(svg, {
    fitTo: { mode: 'original' },
    font: {
      loadSystemFonts: true,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  })
    .render()
    .asPng();
  return { png: new Uint8Array(png), svg, width, height, panels, slices };
}
