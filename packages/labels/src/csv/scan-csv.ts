import { quoteValue } from '@ct-fracture/core';
import { LabelError } from '../errors/label-error';
import type { ByteSource } from './byte-source';
import type { CsvLimits } from './csv-limits';

/** The delimiters a label CSV may use. */
export type CsvDelimiter = ',' | ';' | '\t';

/** One CSV record: its cells (unquoted, trimmed) and the physical line it starts on (1-based). */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

/** How {@link scanCsv} reads and where it reports. */
export interface CsvScanOptions {
  readonly delimiter: CsvDelimiter;
  readonly limits: CsvLimits;
  /** Called with each record, in order (blank lines are not records). */
  readonly onRecord: (record: CsvRecord) => void;
  /** Called with each syntax or limit problem, in order. */
  readonly onProblem: (problem: LabelError) => void;
}

const CHUNK_BYTES = 64 * 1024;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

// Where the scanner is within a cell.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted cell: the end of the cell, or the first half of `""`. */
const QUOTE_SEEN = 3;
/** Whitespace after a closing quote. */
const AFTER_QUOTE = 4;
/** After a syntax error: the rest of the physical line is skipped. */
const SKIP_LINE = 5;

const UNCLOSED_QUOTE =
  'a quoted value must end with a closing quote, got a quote that is never closed (the rest of the file was read from the next line on)';
const TEXT_AFTER_QUOTE =
  'a closing quote must be followed by a delimiter or the end of the line, got more text after it (write "" for a quote inside a quoted value)';

/** Why the current record is skipped, when it breaks a limit. */
type Overflow = { kind: 'cell'; column: number; head: string; bytes: number } | { kind: 'row' };

/**
 * Reads CSV records from a byte source in chunks, keeping at most one record (bounded by
 * `limits.rowBytes`) in memory: a BOM, `\r\n`/`\n`/`\r` line ends (mixed too), quoted values
 * with delimiters, `""` and line breaks, empty lines, and whitespace around cells (trimmed
 * outside quotes) are accepted; a quote inside an unquoted value is kept as text.
 *
 * Problems do not stop the reading: text after a closing quote skips the rest of that line;
 * a quote never closed skips the record's first line and reads on from the next; a cell past
 * `limits.cellBytes` or a row past `limits.rowBytes` skips that row; more than `limits.rows`
 * rows after the header stops the reading. Each is reported once through `onProblem`
 * (`csv-syntax` or `csv-limit`), quoting at most 80 characters of any value.
 *
 * @example
 * scanCsv(bytesSource(bytes), { delimiter: ',', limits: CSV_LIMITS, onRecord: console.log, onProblem: console.error });
 */
export function scanCsv(source: ByteSource, options: CsvScanOptions): void {
  const { limits, onRecord, onProblem } = options;
  const delimiter = options.delimiter.charCodeAt(0);
  const chunk = new Uint8Array(CHUNK_BYTES);
  const decoder = new TextDecoder('utf-8');
  const cell = new Uint8Array(Math.max(1, limits.cellBytes));
  let cellBytes = 0;
  let cellAscii = true;
  let cells: string[] = [];
  let recordOpen = false;
  let recordLine = 0;
  let recordBytes = 0;
  let overflow: Overflow | undefined;
  let overflowCellOpen = false;
  /** Where to read on from if the record's quote never closes: after its first line break. */
  let restart = -1;
  let restartAfterCr = false;
  let records = 0;
  let line = 1;
  let state = FIELD_START;
  let afterCr = false;

  const problem = (code: 'csv-syntax' | 'csv-limit', at: number, message: string) =>
    onProblem(new LabelError({ code, line: at, message }));

  const cellText = (): string => {
    const bytes = cell.subarray(0, cellBytes);
    return cellAscii && cellBytes < 4096
      ? String.fromCharCode.apply(null, bytes as unknown as number[])
      : decoder.decode(bytes);
  };

  const append = (byte: number) => {
    cellBytes += 1;
    if (cellBytes <= cell.length) {
      cell[cellBytes - 1] = byte;
      if (byte >= 0x80) cellAscii = false;
    } else if (cellBytes === cell.length + 1 && overflow === undefined) {
      // The first byte past the limit: the row is skipped; the cell is still read to its end.
      const head = decoder.decode(cell.subarray(0, Math.min(cell.length, 320)));
      overflow = { kind: 'cell', column: cells.length + 1, head, bytes: 0 };
      overflowCellOpen = true;
      cells = [];
    }
  };

  /** Counts a byte of the open record against `limits.rowBytes`. */
  const countByte = () => {
    recordBytes += 1;
    if (recordBytes > limits.rowBytes && overflow === undefined) {
      overflow = { kind: 'row' };
      cells = [];
    }
  };

  const endCell = (quoted: boolean) => {
    if (overflowCellOpen && overflow?.kind === 'cell') {
      overflow.bytes = cellBytes;
      overflowCellOpen = false;
    }
    if (overflow === undefined) {
      const text = cellText();
      cells.push(quoted ? text : text.trim());
    }
    cellBytes = 0;
    cellAscii = true;
  };

  const resetRecord = () => {
    cells = [];
    cellBytes = 0;
    cellAscii = true;
    recordOpen = false;
    overflow = undefined;
    overflowCellOpen = false;
    restart = -1;
  };

  const endRecord = () => {
    if (overflow?.kind === 'cell') {
      problem(
        'csv-limit',
        recordLine,
        `cell ${overflow.column} must be at most ${limits.cellBytes} bytes, got ${overflow.bytes} bytes starting ${quoteValue(overflow.head.slice(0, 80))}; the row was skipped`,
      );
      records += 1;
    } else if (overflow?.kind === 'row') {
      problem(
        'csv-limit',
        recordLine,
        `a row must be at most ${limits.rowBytes} bytes, got ${recordBytes}; the row was skipped`,
      );
      records += 1;
    } else {
      if (cells.some((text) => text !== '')) records += 1;
      onRecord({ cells, line: recordLine });
    }
    resetRecord();
  };

  /** Opens a record at the current byte; false when the row limit is reached. */
  const openRecord = (): boolean => {
    if (records > limits.rows) {
      problem(
        'csv-limit',
        line,
        `a label CSV must have at most ${limits.rows} rows after the header, got more; reading stopped here`,
      );
      return false;
    }
    recordOpen = true;
    recordLine = line;
    recordBytes = 0;
    restart = -1;
    return true;
  };

  let position = 0;
  const bom = new Uint8Array(3);
  if (source.read(0, bom) === 3 && bom[0] === 0xef && bom[1] === 0xbb && bom[2] === 0xbf)
    position = 3;

  for (;;) {
    const length = source.read(position, chunk);
    if (length === 0) {
      if (state === QUOTED) {
        problem('csv-syntax', recordLine, UNCLOSED_QUOTE);
        const from = restart;
        const fromLine = recordLine + 1;
        const fromAfterCr = restartAfterCr;
        resetRecord();
        state = FIELD_START;
        if (from >= 0) {
          position = from;
          line = fromLine;
          afterCr = fromAfterCr;
          continue;
        }
      } else if (recordOpen && state !== SKIP_LINE) {
        endCell(state !== UNQUOTED && state !== FIELD_START);
        endRecord();
      }
      return;
    }
    for (let index = 0; index < length; index += 1) {
      const byte = chunk[index]!;
      if (byte === LF && afterCr) {
        // The second half of a CRLF: the line break was counted at the CR.
        afterCr = false;
        if (state === QUOTED) {
          append(byte);
          countByte();
        }
        continue;
      }
      afterCr = byte === CR;
      if (byte === CR || byte === LF) {
        if (state === QUOTED) {
          append(byte);
          countByte();
          if (restart < 0) {
            restart = position + index + 1;
            restartAfterCr = byte === CR;
          }
        } else if (state === SKIP_LINE) {
          state = FIELD_START;
          resetRecord();
        } else if (recordOpen) {
          endCell(state !== UNQUOTED && state !== FIELD_START);
          endRecord();
          state = FIELD_START;
        }
        line += 1;
        continue;
      }
      if (state === SKIP_LINE) continue;
      if (!recordOpen && !openRecord()) return;
      countByte();
      switch (state) {
        case FIELD_START:
          if (byte === delimiter) endCell(false);
          else if (byte === QUOTE) state = QUOTED;
          else if (byte !== SPACE && byte !== TAB) {
            append(byte);
            state = UNQUOTED;
          }
          break;
        case UNQUOTED:
          if (byte === delimiter) {
            endCell(false);
            state = FIELD_START;
          } else append(byte);
          break;
        case QUOTED:
          if (byte === QUOTE) state = QUOTE_SEEN;
          else append(byte);
          break;
        default:
          // QUOTE_SEEN or AFTER_QUOTE
          if (byte === QUOTE && state === QUOTE_SEEN) {
            append(byte);
            state = QUOTED;
          } else if (byte === delimiter) {
            endCell(true);
            state = FIELD_START;
          } else if (byte === SPACE || byte === TAB) state = AFTER_QUOTE;
          else {
            problem('csv-syntax', line, TEXT_AFTER_QUOTE);
            resetRecord();
            state = SKIP_LINE;
          }
      }
    }
    position += length;
  }
}
