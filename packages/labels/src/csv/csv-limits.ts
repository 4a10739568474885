/** Bounds on what a label CSV may hold; reading stops or skips with a `csv-limit` problem past them. */
export interface CsvLimits {
  /** Data rows after the header (default 100 000): reading stops past it. */
  readonly rows: number;
  /** Bytes (UTF-8) in one cell (default 10 000): the row is skipped. */
  readonly cellBytes: number;
  /** Bytes (UTF-8) in one row, delimiters and line breaks inside quotes included (default 1 000 000): the row is skipped. */
  readonly rowBytes: number;
  /** Problems listed (default 1 000); the rest are counted in one `too-many-problems`. */
  readonly problems: number;
}

/**
 * The default {@link CsvLimits}: far above any label CSV (a few thousand patients, short
 * cells), far below what would exhaust memory. Reading keeps at most one row in memory, so
 * a CSV of any size is read in bounded memory.
 */
export const CSV_LIMITS: CsvLimits = {
  rows: 100_000,
  cellBytes: 10_000,
  rowBytes: 1_000_000,
  problems: 1_000,
};
