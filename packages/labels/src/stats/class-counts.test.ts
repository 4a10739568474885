import { describe, expect, it } from 'vitest';
import { parseLabelCsv } from '../csv/parse-label-csv';
import { encodeLabels } from '../encode/encode-labels';
import { csvRow, ORIGINAL_HEADER, toCsv } from '../test-support';
import { countClasses } from './class-counts';

const table = parseLabelCsv(
  toCsv([
    [...ORIGINAL_HEADER],
    csvRow('A', { fracture_classification: '1-part', varus_malalignment: 'yes' }),
    csvRow('B', { fracture_classification: '4-part dislocation', varus_malalignment: '' }),
    csvRow('C', { fracture_classification: 'dislocation', shaft_translation: 'complete' }),
    csvRow('D', { fracture_classification: '3-part', varus_malalignment: 'yes' }),
  ]),
);

describe('countClasses', () => {
  it('counts classes and missing labels per task, in spec order', () => {
    const counts = countClasses(table);
    expect(Object.keys(counts)).toEqual(table.spec.tasks.map((task) => task.name));
    expect(counts.fracture_parts).toEqual({
      task: 'fracture_parts',
      classes: ['1-part', '2-part', 'multipart'],
      counts: [1, 0, 2],
      missing: 1,
      total: 4,
    });
    expect(counts.dislocation!.counts).toEqual([2, 2]);
    expect(counts.varus!.counts).toEqual([1, 2]);
    expect(counts.varus!.missing).toBe(1);
    expect(counts.shaft_translation!.counts).toEqual([3, 0, 1]);
  });

  it('counts a subset of rows', () => {
    expect(countClasses(table, [0, 3]).fracture_parts!.counts).toEqual([1, 0, 1]);
  });
});

describe('encodeLabels', () => {
  it('gives Int32 class indices (-1 missing) and a Float32 mask per task', () => {
    const encoded = encodeLabels(table);
    expect(Array.from(encoded.fracture_parts!.indices)).toEqual([0, 2, -1, 2]);
    expect(Array.from(encoded.fracture_parts!.mask)).toEqual([1, 1, 0, 1]);
    expect(encoded.varus!.indices).toBeInstanceOf(Int32Array);
    expect(encoded.varus!.mask).toBeInstanceOf(Float32Array);
    const subset = encodeLabels(table, [3, 1]);
    expect(Array.from(subset.varus!.indices)).toEqual([1, -1]);
    expect(Array.from(subset.varus!.mask)).toEqual([1, 0]);
  });
});
