import { describe, expect, it } from 'vitest';
import type { LabelRow } from '../csv/label-table';
import { DEFAULT_LABEL_SPEC } from '../spec/default-label-spec';
import { stratifiedKFold, stratifiedSplit } from './stratified-split';

// Golden values recorded before the random generator moved into @ct-fracture/core: a seeded split
// stays the same release after release (a lab reproduces its validation set from the seed).
const rows: LabelRow[] = Array.from({ length: 40 }, (_, index) => {
  const labels: Record<string, number> = {};
  DEFAULT_LABEL_SPEC.tasks.forEach((task, t) => {
    const value = Math.floor(
      Math.abs(Math.sin(index * 1.3 + t * 0.7)) * (task.classes.length + 0.4),
    );
    labels[task.name] = value >= task.classes.length ? -1 : value;
  });
  return { patientId: `P${index}`, key: `p${index}`, line: index + 2, labels };
});
const table = { spec: DEFAULT_LABEL_SPEC, rows };

describe('seeded splits are unchanged (golden)', () => {
  it.each([0, 7, -3])('stratifiedSplit with seed %i', (seed) => {
    expect(stratifiedSplit(table, { validationFraction: 0.25, seed }).validation).toMatchSnapshot();
  });

  it('stratifiedKFold with seed 5', () => {
    expect(
      stratifiedKFold(table, { folds: 4, seed: 5 }).map((fold) => fold.validation),
    ).toMatchSnapshot();
  });
});
