import type { SeededRandom } from '@ct-fracture/core';
import type { CaseDesign } from '../labels/case-labels';

/** How label values are written: the class names, or spellings a clinician might type. */
export type SpellingMode = 'canonical' | 'varied';

/** The label CSV's columns, in the original project's order. */
export const CSV_COLUMNS = [
  'patient_id',
  'fracture_classification',
  'gt_displacement_greater_equal_to_1cm',
  'shaft_translation',
  'varus_malalignment',
  'art_involvement',
] as const;

/** One CSV column's name. */
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const VARIED = {
  '1-part': ['1-part', '1 part', 'One-part', 'one part', '1part'],
  '2-part': ['2-part', '2 part', 'Two-part', 'two parts', '2-Part'],
  '3-part': ['3-part', 'three part', '3 part', 'Multipart', 'multi-part'],
  '4-part': ['4-part', 'four part', '4 parts', 'multipart', 'Multifragmentary'],
  dislocation: [
    ' dislocation',
    ' fracture-dislocation',
    ' + dislocation',
    ', dislocated',
    ' luxation',
  ],
  no: ['no', 'No', 'N', '0', 'false'],
  yes: ['yes', 'Yes', 'Y', '1', 'true'],
  gtNo: ['no', 'No', '<1 cm', '<10 mm', 'N'],
  gtYes: ['yes', 'Yes', '≥1 cm', '>=10 mm', 'Y'],
  varusNo: ['no', 'No', 'no varus', 'N', 'false'],
  varusYes: ['yes', 'Yes', 'varus', 'Y', 'true'],
  none: ['none', 'None', '≥25% overlap', 'no translation', 'nil'],
  substantial: ['substantial', 'Substantial', '5-25%', '5–25% overlap', 'substantial translation'],
  complete: ['complete', 'Complete', '≤5%', '<5% overlap', 'no overlap'],
  'none-rim': ['none-rim', 'none/rim', 'None', 'rim only', 'none or rim'],
  subcritical: ['subcritical', 'Subcritical', 'sub-critical', 'sub critical', 'Sub-critical'],
  headsplit: ['headsplit', 'head split', 'Head-split', 'head splitting', 'split head'],
} as const;

function pick(random: SeededRandom, choices: readonly string[]): string {
  return choices[random.integer(choices.length)]!;
}

/**
 * The CSV cells of a case (patient id excluded). Canonical mode writes the
 * default specification's class names (`2-part dislocation`, `no`, `none`, …);
 * varied mode draws from spellings the labels package's default
 * specification accepts (`Two-part fracture-dislocation`, `≥1 cm`, `5–25%`,
 * `head split`, …; multipart as 3-/4-part by the number of pieces).
 * @param pieces - humeral pieces (3 or 4 for multipart spellings).
 * @example
 * labelCells(design, 3, 'canonical', random).fracture_classification; // 'multipart dislocation'
 */
export function labelCells(
  design: CaseDesign,
  pieces: number,
  mode: SpellingMode,
  random: SeededRandom,
): Record<Exclude<CsvColumn, 'patient_id'>, string> {
  const { labels } = design;
  if (mode === 'canonical') {
    return {
      fracture_classification: `${labels.fractureParts}${labels.dislocation ? ' dislocation' : ''}`,
      gt_displacement_greater_equal_to_1cm: labels.gtDisplacement ? 'yes' : 'no',
      shaft_translation: labels.shaftTranslation,
      varus_malalignment: labels.varus ? 'yes' : 'no',
      art_involvement: labels.articular,
    };
  }
  const parts =
    labels.fractureParts === 'multipart'
      ? pieces >= 4
        ? '4-part'
        : '3-part'
      : labels.fractureParts;
  return {
    fracture_classification: `${pick(random, VARIED[parts])}${labels.dislocation ? pick(random, VARIED.dislocation) : ''}`,
    gt_displacement_greater_equal_to_1cm: pick(
      random,
      labels.gtDisplacement ? VARIED.gtYes : VARIED.gtNo,
    ),
    shaft_translation: pick(random, VARIED[labels.shaftTranslation]),
    varus_malalignment: pick(random, labels.varus ? VARIED.varusYes : VARIED.varusNo),
    art_involvement: pick(random, VARIED[labels.articular]),
  };
}

function quote(cell: string): string {
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * A label CSV (header + one line per row, `\n` line ends, RFC 4180 quoting).
 * @example
 * labelCsv([{ patient_id: 'phantom0001', fracture_classification: '1-part', … }]);
 */
export function labelCsv(rows: readonly Record<CsvColumn, string>[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(CSV_COLUMNS.map((column) => quote(row[column])).join(','));
  return `${lines.join('\n')}\n`;
}
