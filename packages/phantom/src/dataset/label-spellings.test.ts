import { SeededRandom } from '@ct-fracture/core';
import { DEFAULT_LABEL_SPEC, parseLabelCsv } from '@ct-fracture/labels';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLASS_FREQUENCIES } from '../labels/class-frequencies';
import { designCases } from '../labels/design-cases';

import { CSV_COLUMNS, labelCells, labelCsv, type SpellingMode } from './label-spellings';

const TASK_OF = {
  fracture_parts: 'fractureParts',
  dislocation: 'dislocation',
  gt_displacement: 'gtDisplacement',
  shaft_translation: 'shaftTranslation',
  varus: 'varus',
  articular: 'articular',
} as const;

describe('label spellings', () => {
  it.each<[SpellingMode, number]>([
    ['canonical', 3],
    ['varied', 3],
    ['varied', 4],
  ])(
    '%s spellings (%i pieces for multipart) parse back to the designed classes with the default spec',
    (mode, pieces) => {
      const designs = designCases(
        400,
        DEFAULT_CLASS_FREQUENCIES,
        new SeededRandom(pieces, 'mulberry32'),
      );
      const random = new SeededRandom(11, 'mulberry32');
      const rows = designs.map((design, index) => ({
        patient_id: `p${index}`,
        ...labelCells(design, pieces, mode, random),
      }));
      const table = parseLabelCsv(labelCsv(rows));
      expect(table.problems).toEqual([]);
      expect(table.rows).toHaveLength(designs.length);
      table.rows.forEach((row, index) => {
        const labels = designs[index]!.labels;
        for (const task of DEFAULT_LABEL_SPEC.tasks) {
          const value = labels[TASK_OF[task.name as keyof typeof TASK_OF]];
          const expected = typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
          expect(task.classes[row.labels[task.name]!]).toBe(expected);
        }
      });
    },
  );

  it('quotes cells that hold commas and writes the original header', () => {
    const csv = labelCsv([
      {
        patient_id: 'p1',
        fracture_classification: '2-part, dislocated',
        gt_displacement_greater_equal_to_1cm: 'no',
        shaft_translation: 'none',
        varus_malalignment: 'no',
        art_involvement: 'none-rim',
      },
    ]);
    expect(csv).toBe(`${CSV_COLUMNS.join(',')}\np1,"2-part, dislocated",no,none,no,none-rim\n`);
  });
});
