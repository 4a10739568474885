import type { LabelRow } from './csv/label-table';
import { DEFAULT_LABEL_SPEC } from './spec/default-label-spec';
import { splitRandom } from './split/split-random';
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

/** A seeded table of n rows with skewed class frequencies and ~10 % missing labels. */
export function syntheticTable(n: number, seed: number) {
  const random = splitRandom(seed);
  const rows: LabelRow[] = Array.from({ length: n }, (_unused, index) => {
    const labels: Record<string, number> = {};
    for (const task of DEFAULT_LABEL_SPEC.tasks) {
      const u = random.next();
      // Class c with probability ∝ 1 / (c + 1)², missing with probability 0.1.
      const weights = task.classes.map((_name, c) => 1 / (c + 1) ** 2);
      const sum = weights.reduce((a, b) => a + b, 0);
      let pick = -1;
      let acc = 0;
      const v = random.next();
      weights.forEach((weight, c) => {
        acc += weight / sum;
        if (pick < 0 && v < acc) pick = c;
      });
      labels[task.name] = u < 0.1 ? -1 : Math.max(pick, 0);
    }
    return { patientId: `P${index}`, key: `p${index}`, line: index + 2, labels };
  });
  return { spec: DEFAULT_LABEL_SPEC, rows };
}
