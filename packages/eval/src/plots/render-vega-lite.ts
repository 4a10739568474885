import type { TopLevelSpec } from 'vega-lite';
import { EvaluationError } from '../errors/evaluation-error';
import { stableSvgIds } from './stable-svg-ids';

/** A rendered figure: vector SVG and raster PNG of the same chart. */
export interface RenderedFigure {
  /** File-name stem, e.g. `confusion-matrix-varus`. */
  name: string;
  /** Human title (the chart's own title). */
  title: string;
  /** Standalone SVG document (text as `<text>`, so class names are searchable). */
  svg: string;
  /** PNG at `scale` × the SVG's size. */
  png: Uint8Array;
}

/** Fonts tried in order: DejaVu (Debian `fonts-dejavu-core`), Liberation, then common ones. */
export const PLOT_FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

/** The shared look: readable sizes, white background, the same font everywhere. */
export const PLOT_CONFIG = {
  background: 'white',
  font: PLOT_FONT,
  padding: 12,
  title: { fontSize: 16, fontWeight: 'bold', anchor: 'start', offset: 12 },
  axis: { labelFontSize: 12, titleFontSize: 13, titlePadding: 8, grid: true, gridOpacity: 0.4 },
  legend: { labelFontSize: 12, titleFontSize: 13, labelLimit: 320, titleLimit: 320 },
  header: { labelFontSize: 13, titleFontSize: 13 },
  view: { stroke: '#bbb' },
} as const;

/**
 * Renders a Vega-Lite specification headless: Vega's SVG renderer (no canvas needed; its
 * gradient and clip ids renumbered per figure, so the same figure is the same bytes in any
 * process), then resvg for the PNG with the system fonts (the SVG names {@link PLOT_FONT}).
 * @param spec - a Vega-Lite specification; {@link PLOT_CONFIG} is merged under its `config`.
 * @param scale - PNG pixels per SVG unit (default 2, for sharp text).
 * @throws {@link EvaluationError} `invalid-input` when Vega cannot compile or render the spec.
 * @example
 * ```ts
 * const { svg, png } = await renderVegaLite({ mark: 'bar', data: { values: [{ a: 'x', b: 1 }] },
 *   encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } } });
 * ```
 */
export async function renderVegaLite(
  spec: TopLevelSpec,
  scale = 2,
): Promise<{ svg: string; png: Uint8Array }> {
  // Loaded on first use: metrics alone never pay for the charting stack.
  const [vegaLite, vega, resvg] = await Promise.all([
    import('vega-lite'),
    import('vega'),
    import('@resvg/resvg-js'),
  ]);
  let svg: string;
  try {
    const withConfig = { ...spec, config: { ...PLOT_CONFIG, ...(spec.config ?? {}) } };
    const compiled = vegaLite.compile(withConfig as TopLevelSpec).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    svg = stableSvgIds(await view.toSVG());
    view.finalize();
  } catch (error) {
    throw new EvaluationError({
      code: 'invalid-input',
      message: `the plot specification must render, got ${(error as Error).message}`,
      cause: error,
    });
  }
  const png = new resvg.Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: true,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  })
    .render()
    .asPng();
  return { svg, png: new Uint8Array(png) };
}
