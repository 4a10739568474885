import { MAX_QUOTED_CHARACTERS, quoteValue } from '@ct-fracture/core';

/**
 * A name read from a `.pth` (state_dict key, zip entry, pickle global) as messages show it: in
 * single quotes, or JSON-quoted and cut to 80 characters when it is longer or holds a quote or
 * a line break (a crafted file's names can be megabytes long).
 * @example
 * shownName('features.conv0.weight'); // "'features.conv0.weight'"
 */
export function shownName(name: string): string {
  return name.length <= MAX_QUOTED_CHARACTERS && !/['\r\n]/.test(name)
    ? `'${name}'`
    : quoteValue(name);
}
