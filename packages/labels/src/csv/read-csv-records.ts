import { CsvError, parse } from 'csv-parse/sync';
import { LabelError } from '../errors/label-error';

/** The delimiters a label CSV may use (`auto` picks from the header line). */
export type CsvDelimiter = ',' | ';' | '\t';

/** One CSV record: its cells (unquoted, trimmed) and the physical line it starts on (1-based). */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

/** Every record of a CSV text, the delimiter used, and the syntax problems met on the way. */
export interface CsvRecords {
  readonly records: readonly CsvRecord[];
  readonly delimiter: CsvDelimiter;
  readonly problems: readonly LabelError[];
}

const NEWLINE = /\r\n|\n|\r/g;

/** Offsets where each physical line starts (`starts[0] = 0` is line 1). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(NEWLINE)) starts.push(match.index + match[0].length);
  return starts;
}

/**
 * The delimiter used by the first non-empty line: the most frequent of `,` `;` tab
 * outside quotes (`,` on a tie or when there is none).
 * @example
 * detectDelimiter('patient_id;varus_malalignment\nP1;no'); // ';'
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const firstLine = text.split(NEWLINE).find((line) => line.trim() !== '') ?? '';
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const character of firstLine) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && character in counts) counts[character as CsvDelimiter] += 1;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

function newlinesIn(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) count += cell.match(NEWLINE)?.length ?? 0;
  return count;
}

function syntaxMessage(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted value must end with a closing quote, got a quote that is never closed (the rest of the file was read from the next line on)';
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing quote must be followed by a delimiter or the end of the line, got more text after it (write "" for a quote inside a quoted value)';
    default:
      return `the CSV must be well-formed, got: ${error.message}`;
  }
}

/**
 * Splits CSV text into records with csv-parse: a UTF-8 BOM, `\r\n`/`\n`/`\r` line
 * ends (mixed too), quoted values with delimiters and line breaks, empty lines and
 * whitespace around delimiters are all accepted. A syntax error does not stop the
 * reading: it becomes a `csv-syntax` problem and reading resumes on the next line.
 *
 * @param text - the CSV text.
 * @param delimiter - the delimiter, or `'auto'` (default) to detect it from the header.
 * @example
 * readCsvRecords('\ufeffa;b\r\n1;"x;y"\r\n').records; // [{ cells: ['a','b'], line: 1 }, { cells: ['1','x;y'], line: 2 }]
 */
export function readCsvRecords(
  text: string,
  delimiter: CsvDelimiter | 'auto' = 'auto',
): CsvRecords {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const chosen = delimiter === 'auto' ? detectDelimiter(body) : delimiter;
  const starts = lineStarts(body);
  const records: CsvRecord[] = [];
  const problems: LabelError[] = [];
  let firstLine = 1;
  while (firstLine <= starts.length) {
    let lastEnd = firstLine - 1;
    const offset = firstLine - 1;
    try {
      parse(body.slice(starts[firstLine - 1]), {
        delimiter: chosen,
        record_delimiter: ['\r\n', '\n', '\r'],
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        trim: true,
        on_record: (record: string[], context: { lines: number }) => {
          const end = context.lines + offset;
          records.push({ cells: record, line: end - newlinesIn(record) });
          lastEnd = end;
          return null;
        },
      });
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      let line = Number(error.lines) + offset;
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
        // Blame the line where the unclosed record starts, and read on from the next one.
        line = lastEnd + 1;
        while (line < starts.length && body.slice(starts[line - 1], starts[line]).trim() === '') {
          line += 1;
        }
      }
      problems.push(new LabelError({ code: 'csv-syntax', line, message: syntaxMessage(error) }));
      firstLine = Math.max(line + 1, firstLine + 1);
    }
  }
  return { records, delimiter: chosen, problems };
}
