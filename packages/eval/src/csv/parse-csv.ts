import { EvaluationError } from '../errors/evaluation-error';

/** One CSV record and the 1-based line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Parses RFC 4180 CSV (comma separator, `"` quoting with `""` escapes, LF or CRLF line ends, an
 * optional UTF-8 byte-order mark). Blank lines are skipped.
 * @param text - the file's text.
 * @param file - the file name, for error messages.
 * @returns records with the line each starts on.
 * @throws {@link EvaluationError} `csv-syntax` for an unterminated quote or a character after a
 * closing quote, with the line.
 * @example
 * ```ts
 * parseCsv('a,b\n1,"x,y"\n', 'f.csv'); // [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', 'x,y'] }]
 * ```
 */
export function parseCsv(text: string, file?: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const length = text.length;
  while (i < length) {
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === 34) {
        // Quoted field.
        let j = i + 1;
        let chunks = '';
        for (;;) {
          const close = text.indexOf('"', j);
          if (close < 0) {
            throw new EvaluationError({
              code: 'csv-syntax',
              message: `a quoted field must end with a closing quote, got none before the end of the file (field opened on line ${line})`,
              file,
              line,
            });
          }
          chunks += text.slice(j, close);
          if (text.charCodeAt(close + 1) === 34) {
            chunks += '"';
            j = close + 2;
            continue;
          }
          j = close + 1;
          break;
        }
        for (let k = i; k < j; k++) if (text.charCodeAt(k) === 10) line++;
        value = chunks;
        i = j;
        const next = text.charCodeAt(i);
        if (i < length && next !== 44 && next !== 10 && next !== 13) {
          throw new EvaluationError({
            code: 'csv-syntax',
            message: `a closing quote must be followed by a comma or a line end, got '${text[i]}'`,
            file,
            line,
          });
        }
      } else {
        let j = i;
        while (j < length) {
          const code = text.charCodeAt(j);
          if (code === 44 || code === 10 || code === 13) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      const code = text.charCodeAt(i);
      if (code === 44) {
        i++;
        continue;
      }
      if (code === 13) i++;
      if (text.charCodeAt(i) === 10) i++;
      line++;
      break;
    }
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: startLine, fields });
  }
  return records;
}
