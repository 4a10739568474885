const DASHES = /[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]/g;
const GREATER_EQUAL = /\u2265|\u2267|\u2a7e|=>/g;
const LESS_EQUAL = /\u2264|\u2266|\u2a7d|=</g;
const SEPARATORS = /[\s_\-,;:()[\]{}"'`]+/g;

/**
 * The comparison key of a label value, class name or alias: how spellings that a
 * clinician means the same are made equal.
 *
 * Unicode NFKC, lower case; unicode dashes → `-`; `≥ ⩾ =>` → `>=`, `≤ ⩽ =<` → `<=`;
 * dashes, underscores, commas, semicolons, colons, brackets and quotes become
 * word separators (one space); a digit followed by a letter is split ("1part",
 * "1cm"); no space before `%`, after `>=`/`<=`/`>`/`<` or around `/`; trailing
 * full stops dropped; trimmed.
 *
 * @param raw - a cell value, class name or alias as written.
 * @returns the key; `''` for an empty or dash-only cell.
 * @example
 * normaliseLabelValue(' One-Part ');   // 'one part'
 * normaliseLabelValue('≥ 25 % overlap'); // '>=25% overlap'
 * normaliseLabelValue('5–25%');        // '5 25%'
 */
export function normaliseLabelValue(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(DASHES, '-')
    .replace(GREATER_EQUAL, '>=')
    .replace(LESS_EQUAL, '<=')
    .replace(SEPARATORS, ' ')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/\s+%/g, '%')
    .replace(/(>=|<=|>|<)\s+/g, '$1')
    .replace(/\s*\/\s*/g, '/')
    .replace(/[\s.]+$/, '')
    .trim();
}

/**
 * The words of a normalised value (split on single spaces), `[]` for `''`.
 * @example
 * valueWords('2 part dislocation'); // ['2', 'part', 'dislocation']
 */
export function valueWords(key: string): string[] {
  return key === '' ? [] : key.split(' ');
}
