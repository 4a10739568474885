/** How many characters of a value an error message quotes, at most. */
export const MAX_QUOTED_CHARACTERS = 80;

/**
 * A value as an error message quotes it: JSON-quoted (a line break or a quote inside cannot
 * break the one-line message) and at most {@link MAX_QUOTED_CHARACTERS} characters of it; a
 * longer value is cut, with an ellipsis and its full length, so a 50 MB CSV cell never ends up
 * whole in a message.
 * @param value - the value as read.
 * @param maxCharacters - how much of it to quote (default 80).
 * @example
 * ```ts
 * quoteValue('maybe'); // '"maybe"'
 * quoteValue('x'.repeat(50_000_000)); // '"xxxx…xxx…" (50000000 characters)' with 80 x's
 * ```
 */
export function quoteValue(value: string, maxCharacters: number = MAX_QUOTED_CHARACTERS): string {
  if (value.length <= maxCharacters) return JSON.stringify(value);
  let end = maxCharacters;
  // Never split a surrogate pair.
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${JSON.stringify(value.slice(0, end)).slice(0, -1)}…" (${value.length} characters)`;
}
