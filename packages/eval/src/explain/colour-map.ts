/** An sRGB colour, 0–255 per channel. */
export type Rgb = [number, number, number];

/**
 * matplotlib's perceptually uniform `inferno` colour map sampled at t = 0, 0.1, …, 1 (the
 * values d3-scale-chromatic and matplotlib publish); {@link infernoColour} interpolates them
 * linearly. Dark (no evidence) → purple → orange → pale yellow (strongest).
 */
export const INFERNO_STOPS: readonly string[] = [
  '#000004',
  '#160b39',
  '#420a68',
  '#6a176e',
  '#932667',
  '#bc3754',
  '#dd513a',
  '#f37819',
  '#fca50a',
  '#f6d746',
  '#fcffa4',
];

function parseHex(hex: string): Rgb {
  return [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16)) as Rgb;
}

const STOPS_RGB = INFERNO_STOPS.map(parseHex);

/**
 * The inferno colour of a value in [0, 1] (clamped), linearly between the 11 stops.
 * @example
 * infernoColour(1); // [252, 255, 164]
 */
export function infernoColour(value: number): Rgb {
  const t = Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0)) * (STOPS_RGB.length - 1);
  const low = Math.min(Math.floor(t), STOPS_RGB.length - 2);
  const f = t - low;
  const a = STOPS_RGB[low]!;
  const b = STOPS_RGB[low + 1]!;
  return [0, 1, 2].map((c) => Math.round(a[c]! + (b[c]! - a[c]!) * f)) as Rgb;
}
