import type { Interval } from '../bootstrap/stratified-bootstrap';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A metric for a table cell: 3 decimals, `—` for `null` (undefined). */
export function formatValue(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits);
}

/** A value with its interval: `0.812 (0.790–0.833)`. */
export function formatWithInterval(value: number | null, interval: Interval | null): string {
  if (value === null) return '—';
  if (interval === null) return value.toFixed(3);
  return `${value.toFixed(3)} <span class="ci">(${interval.lower.toFixed(3)}–${interval.upper.toFixed(3)})</span>`;
}

/** A `data:` URI of bytes or text. */
export function dataUri(mime: string, content: Uint8Array | string): string {
  const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return `data:${mime};base64,${buffer.toString('base64')}`;
}

/** An HTML table from a header row and body rows of already-escaped HTML cells. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  className = '',
): string {
  const head = `<tr>${header.map((cell) => `<th>${cell}</th>`).join('')}</tr>`;
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="${className}"><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}
