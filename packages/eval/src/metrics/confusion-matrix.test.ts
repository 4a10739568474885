import { describe, expect, it } from 'vitest';
import { confusionMatrix } from './confusion-matrix';

describe('confusionMatrix', () => {
  it('counts rows as truth and columns as predictions, skipping missing labels', () => {
    // sklearn.metrics.confusion_matrix([0,1,2,2,1], [0,2,2,1,1]) on the non-missing rows
    expect(confusionMatrix([0, 1, 2, 2, -1, 1], [0, 2, 2, 1, 0, 1], 3)).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 1, 1],
    ]);
  });
});
