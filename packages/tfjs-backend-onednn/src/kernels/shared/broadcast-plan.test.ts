import { describe, expect, it } from 'vitest';
import { planBinary } from './broadcast-plan';

describe('planBinary', () => {
  it.each([
    // a shape, b shape → rows, cols, aMode, bMode
    [[2, 3, 4], [2, 3, 4], 1, 24, 0, 0],
    [[2, 3, 4], [], 1, 24, 0, 3],
    [[], [5], 1, 5, 3, 0],
    [[2, 3, 4], [4], 6, 4, 0, 1],
    [[4], [2, 3, 4], 6, 4, 1, 0],
    [[2, 4, 4, 4, 32], [1, 1, 1, 1, 32], 128, 32, 0, 1],
    [[2, 3, 4], [3, 4], 2, 12, 0, 1],
    [[2, 3, 4], [2, 1, 1], 2, 12, 0, 2],
    [[2, 3, 4], [2, 3, 1], 6, 4, 0, 2],
    [[2, 1], [1, 3], 2, 3, 2, 1],
    [[1, 1, 1], [2, 3, 4], 1, 24, 3, 0],
  ] as const)('%j with %j → rows %i cols %i modes %i/%i', (a, b, rows, cols, aMode, bMode) => {
    expect(planBinary(a, b)).toMatchObject({ rows, cols, aMode, bMode });
  });

  it('peels leading axes both operands have in full: [n, 1, 1, 1, c] with [n, d, h, w, c]', () => {
    expect(planBinary([2, 1, 1, 1, 1024], [2, 2, 2, 2, 1024])).toEqual({
      outShape: [2, 2, 2, 2, 1024],
      outer: 2,
      rows: 8,
      cols: 1024,
      aMode: 1,
      bMode: 0,
    });
    expect(planBinary([3, 4, 5, 6], [3, 4, 5, 1])).toMatchObject({ outer: 1, rows: 60, cols: 6 });
  });

  it.each([
    [
      [2, 3, 4],
      [3, 1],
    ],
    [
      [2, 1, 4],
      [1, 3, 1],
    ],
    [[2, 3], [4]],
  ] as const)('%j with %j has no native plan', (a, b) => {
    expect(planBinary(a, b)).toBeUndefined();
  });
});
