const ID = /id="((gradient_|clip|pattern_)(\d+))"/g;

/**
 * Renumbers the ids Vega's SVG renderer takes from process-wide counters (`gradient_N`,
 * `clipN`, `pattern_N`) in order of appearance within one SVG, with every `url(#…)` and
 * `href="#…"` that points at them, so that a figure's SVG is the same bytes whatever was
 * rendered before it in the process.
 * @example
 * stableSvgIds('<linearGradient id="gradient_24"/><rect fill="url(#gradient_24)"/>');
 * // '<linearGradient id="gradient_1"/><rect fill="url(#gradient_1)"/>'
 */
export function stableSvgIds(svg: string): string {
  const renamed = new Map<string, string>();
  const counters = new Map<string, number>();
  for (const match of svg.matchAll(ID)) {
    const [, id, prefix] = match;
    if (renamed.has(id!)) continue;
    const next = (counters.get(prefix!) ?? 0) + 1;
    counters.set(prefix!, next);
    renamed.set(id!, `${prefix}${next}`);
  }
  if (renamed.size === 0) return svg;
  return svg.replace(
    /(id="|url\(#|href="#)((?:gradient_|clip|pattern_)\d+)(?=[")])/g,
    (whole, lead: string, id: string) => {
      const to = renamed.get(id);
      return to === undefined ? whole : `${lead}${to}`;
    },
  );
}
