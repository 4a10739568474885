import type { LabelError } from '../errors/label-error';
import { type ByteSource, bytesSource } from './byte-source';
import { CSV_LIMITS, type CsvLimits } from './csv-limits';
import { type CsvDelimiter, type CsvRecord, scanCsv } from './scan-csv';

export type { CsvDelimiter, CsvRecord } from './scan-csv';

/** Every record of a CSV text, the delimiter used, and the syntax problems met on the way. */
export interface CsvRecords {
  readonly records: readonly CsvRecord[];
  readonly delimiter: CsvDelimiter;
  readonly problems: readonly LabelError[];
}

const NEWLINE = /\r\n|\n|\r/g;

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

/**
 * {@link detectDelimiter} on the start of a byte source: it reads until the first non-empty
 * line has ended, at most `maxBytes` (a header longer than that is judged on its start).
 * @example
 * detectSourceDelimiter(bytesSource(bytes), 1_000_000); // ','
 */
export function detectSourceDelimiter(source: ByteSource, maxBytes: number): CsvDelimiter {
  const start = new Uint8Array(Math.min(maxBytes, 64 * 1024));
  let text = '';
  const decoder = new TextDecoder('utf-8');
  for (let position = 0; position < maxBytes; ) {
    const length = source.read(position, start);
    if (length === 0) break;
    text += decoder.decode(start.subarray(0, length), { stream: true });
    position += length;
    // A non-empty line followed by a line break: the header line is complete.
    if (/\S[^\r\n]*[\r\n]/.test(text)) break;
  }
  return detectDelimiter(text.startsWith('\ufeff') ? text.slice(1) : text);
}

/**
 * Splits CSV text into records (see `scanCsv` for what is accepted): a UTF-8 BOM,
 * `\r\n`/`\n`/`\r` line ends (mixed too), quoted values with delimiters and line breaks,
 * empty lines and whitespace around delimiters. A syntax error does not stop the reading: it
 * becomes a `csv-syntax` problem and reading resumes on the next line; a cell or row past the
 * limits is a `csv-limit` problem and that row is skipped.
 *
 * @param text - the CSV text.
 * @param delimiter - the delimiter, or `'auto'` (default) to detect it from the header.
 * @param limits - bounds on rows, cell and row sizes (default {@link CSV_LIMITS}).
 * @example
 * readCsvRecords('\ufeffa;b\r\n1;"x;y"\r\n').records; // [{ cells: ['a','b'], line: 1 }, { cells: ['1','x;y'], line: 2 }]
 */
export function readCsvRecords(
  text: string,
  delimiter: CsvDelimiter | 'auto' = 'auto',
  limits: CsvLimits = CSV_LIMITS,
): CsvRecords {
  const source = bytesSource(new TextEncoder().encode(text));
  const chosen = delimiter === 'auto' ? detectSourceDelimiter(source, limits.rowBytes) : delimiter;
  const records: CsvRecord[] = [];
  const problems: LabelError[] = [];
  scanCsv(source, {
    delimiter: chosen,
    limits,
    onRecord: (record) => records.push(record),
    onProblem: (problem) => problems.push(problem),
  });
  return { records, delimiter: chosen, problems };
}
