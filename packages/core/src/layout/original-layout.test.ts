import { describe, expect, it } from 'vitest';
import { ORIGINAL_LAYOUT } from './original-layout';

describe('ORIGINAL_LAYOUT', () => {
  it.each([
    ['train', 'train_labels.csv', 'new_datasets/one_side_train'],
    ['test', 'test_labels.csv', 'new_datasets/one_side_test'],
  ] as const)('%s: %s and %s (ORIGINAL_PIPELINE.md)', (split, csv, scans) => {
    expect(ORIGINAL_LAYOUT[split]).toEqual({ csv, scans });
  });
});
