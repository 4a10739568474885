import { CtFractureError } from '@ct-fracture/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelError } from '../errors/label-error';
import { DEFAULT_LABEL_SPEC } from '../spec/default-label-spec';
import { DEFAULT_MISSING_VALUES } from '../spec/label-spec-schema';
import { parseLabelSpec } from '../spec/parse-label-spec';
import { ORIGINAL_HEADER } from '../test-support';
import { parseLabelCsv } from './parse-label-csv';
import { parseLabelCsvOrThrow } from './throw-on-label-errors';

const spec = DEFAULT_LABEL_SPEC;
const task = (name: string) => spec.tasks.find((candidate) => candidate.name === name)!;
const spellings = (name: string, classIndex: number) => {
  const t = task(name);
  const className = t.classes[classIndex]!;
  return [className, className.toUpperCase(), ...(t.aliases[className] ?? [])];
};
const missingSpellings = ['', ' ', '-', 'NA', 'N/A', '?', ...DEFAULT_MISSING_VALUES];

/** A random spelling of class `index` of `name`, or of a missing value for -1. */
const spelling = (name: string, index: number) =>
  fc.constantFrom(...(index < 0 ? missingSpellings : spellings(name, index)));

type Expected = Record<string, number>;

/** One random valid row: its cells by column and the class indices it must parse to. */
const rowArbitrary = fc
  .record({
    parts: fc.integer({ min: -1, max: 2 }),
    dislocated: fc.boolean(),
    gt: fc.integer({ min: -1, max: 1 }),
    shaft: fc.integer({ min: -1, max: 2 }),
    varus: fc.integer({ min: -1, max: 1 }),
    articular: fc.integer({ min: -1, max: 2 }),
  })
  .chain((labels) =>
    fc
      .record({
        parts: spelling('fracture_parts', labels.parts),
        dislocationWord: fc.constantFrom('dislocation', 'Dislocation', 'dislocated'),
        onlyDislocation: fc.constantFrom(
          'dislocation',
          'fracture-dislocation',
          'Fracture dislocation',
        ),
        gt: spelling('gt_displacement', labels.gt),
        shaft: spelling('shaft_translation', labels.shaft),
        varus: spelling('varus', labels.varus),
        articular: spelling('articular', labels.articular),
      })
      .map((words) => {
        let fracture: string;
        let parts = labels.parts;
        let dislocation = labels.dislocated ? 1 : 0;
        if (labels.parts >= 0) {
          fracture = labels.dislocated ? `${words.parts} ${words.dislocationWord}` : words.parts;
        } else if (labels.dislocated) {
          fracture = words.onlyDislocation;
        } else {
          fracture = words.parts; // a missing spelling: both tasks missing
          parts = -1;
          dislocation = -1;
        }
        const cells: Record<string, string> = {
          fracture_classification: fracture,
          gt_displacement_greater_equal_to_1cm: words.gt,
          shaft_translation: words.shaft,
          varus_malalignment: words.varus,
          art_involvement: words.articular,
        };
        const expected: Expected = {
          fracture_parts: parts,
          dislocation,
          gt_displacement: labels.gt,
          shaft_translation: labels.shaft,
          varus: labels.varus,
          articular: labels.articular,
        };
        return { cells, expected };
      }),
  );

const idCharacters = fc.constantFrom(...'AbC0189xyz_-.,;" \n'.split(''));
const patientId = fc
  .array(idCharacters, { minLength: 1, maxLength: 8 })
  .map((characters) => `P${characters.join('')}`.trim());

const tableArbitrary = fc.record({
  rows: fc.uniqueArray(fc.tuple(patientId, rowArbitrary), {
    maxLength: 25,
    selector: ([id]) => id.toLowerCase(),
  }),
  columnOrder: fc.shuffledSubarray([...ORIGINAL_HEADER], {
    minLength: ORIGINAL_HEADER.length,
    maxLength: ORIGINAL_HEADER.length,
  }),
  delimiter: fc.constantFrom(',', ';'),
  newline: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  trailingEmptyLines: fc.integer({ min: 0, max: 3 }),
  quoting: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 200, maxLength: 200 }),
  upperCaseHeader: fc.boolean(),
});

/** Writes the table as CSV and returns the text with each row's expected start line. */
type GeneratedTable = typeof tableArbitrary extends fc.Arbitrary<infer T> ? T : never;

function writeCsv(table: GeneratedTable) {
  let quoteIndex = 0;
  const cell = (value: string) => {
    const mode = table.quoting[quoteIndex++ % table.quoting.length]!;
    const needsQuotes =
      /["\r\n]/.test(value) || value.includes(table.delimiter) || value !== value.trim();
    if (needsQuotes || mode === 1) return `"${value.replaceAll('"', '""')}"`;
    return mode === 2 ? ` ${value} ` : value;
  };
  const header = table.columnOrder.map((column) =>
    table.upperCaseHeader ? column.toUpperCase() : column,
  );
  const lines = [header.map(cell).join(table.delimiter)];
  const expectedLines: number[] = [];
  let line = 2;
  for (const [id, row] of table.rows) {
    expectedLines.push(line);
    const cells = table.columnOrder.map((column) =>
      column === 'patient_id' ? id : row.cells[column]!,
    );
    lines.push(cells.map(cell).join(table.delimiter));
    line += 1 + (id.match(/\r\n|\r|\n/g)?.length ?? 0);
  }
  const text =
    (table.bom ? '\ufeff' : '') +
    lines.join(table.newline) +
    table.newline.repeat(1 + table.trailingEmptyLines);
  return { text, expectedLines };
}

describe('parseLabelCsv properties', () => {
  it('a random valid table written with random quoting, delimiter, BOM and line ends parses back identical', () => {
    fc.assert(
      fc.property(tableArbitrary, (table) => {
        const { text, expectedLines } = writeCsv(table);
        const parsed = parseLabelCsv(text);
        expect(parsed.problems.map((problem) => problem.message)).toEqual([]);
        expect(parsed.delimiter).toBe(table.delimiter);
        expect(parsed.rows.map((row) => row.patientId)).toEqual(table.rows.map(([id]) => id));
        expect(parsed.rows.map((row) => row.labels)).toEqual(
          table.rows.map(([, row]) => row.expected),
        );
        expect(parsed.rows.map((row) => row.line)).toEqual(expectedLines);
      }),
      { numRuns: 300, seed: 20240501 },
    );
  });

  const junkAlphabet = fc.constantFrom(
    ...[',', ';', '"', '\n', '\r', '\t', ' ', 'a', '1', '-', '\ufeff', 'é', '😀', '\u0000'],
    ...ORIGINAL_HEADER,
    'yes',
    'none',
    '2-part',
    'dislocation',
  );
  const junk = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.array(junkAlphabet, { maxLength: 120 }).map((parts) => parts.join('')),
    fc
      .array(junkAlphabet, { maxLength: 80 })
      .map((parts) => `${ORIGINAL_HEADER.join(',')}\n${parts.join('')}`),
  );

  it('random junk never throws; the throwing API throws only LabelError', () => {
    fc.assert(
      fc.property(junk, fc.boolean(), (text, strict) => {
        const table = parseLabelCsv(text, spec, { strict });
        for (const problem of table.problems) expect(problem).toBeInstanceOf(LabelError);
        try {
          parseLabelCsvOrThrow(text, spec, { strict });
        } catch (error) {
          expect(error).toBeInstanceOf(LabelError);
          expect(CtFractureError.isInstance(error)).toBe(true);
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('random JSON as a label spec throws only LabelError (invalid-spec)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        try {
          parseLabelSpec(json);
        } catch (error) {
          expect(error).toBeInstanceOf(LabelError);
          expect((error as LabelError).code).toBe('invalid-spec');
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
