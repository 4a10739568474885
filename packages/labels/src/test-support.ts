/** Test helpers (not exported from the package). */

/** The original project's CSV header, in its column order. */
export const ORIGINAL_HEADER = [
  'patient_id',
  'fracture_classification',
  'gt_displacement_greater_equal_to_1cm',
  'shaft_translation',
  'varus_malalignment',
  'art_involvement',
] as const;

type Column = (typeof ORIGINAL_HEADER)[number];

/** A valid row; `overrides` replaces cells by column name. */
export function csvRow(
  patientId: string,
  overrides: Partial<Record<Column, string>> = {},
): string[] {
  const base: Record<Column, string> = {
    patient_id: patientId,
    fracture_classification: '2-part',
    gt_displacement_greater_equal_to_1cm: 'no',
    shaft_translation: 'none',
    varus_malalignment: 'no',
    art_involvement: 'none-rim',
  };
  return ORIGINAL_HEADER.map((column) => overrides[column] ?? base[column]);
}

/** Joins rows into CSV text, quoting cells that need it. */
export function toCsv(
  rows: readonly (readonly string[])[],
  delimiter = ',',
  newline = '\n',
): string {
  const quote = (cell: string) =>
    /["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replaceAll('"', '""')}"` : cell;
  return rows.map((row) => row.map(quote).join(delimiter)).join(newline) + newline;
}
