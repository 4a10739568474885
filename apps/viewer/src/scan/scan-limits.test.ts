import { describe, expect, it } from 'vitest';
import { MAX_SCAN_VOXELS, scanShapeProblem } from './scan-limits';

describe('scanShapeProblem', () => {
  it.each([
    [[512, 512, 300], undefined],
    [[512, 512, 1024], undefined],
    [[64, 64, 30, 1], undefined],
    [[64, 64, 30, 10], /^a 4D image \(64×64×30×10\): the viewer reads one 3D CT volume/],
    [[64, 64, 30, 1, 2], /^a 4D image \(64×64×30×1×2\)/],
    [
      [1024, 1024, 512],
      /^too large for this viewer: 1024×1024×512 = 536870912 voxels \(2\.0 GiB as float32\), at most 268435456 voxels/,
    ],
  ] as const)('%j', (shape, problem) => {
    const got = scanShapeProblem(shape);
    if (problem === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(problem);
  });

  it('allows exactly the limit', () => {
    expect(scanShapeProblem([MAX_SCAN_VOXELS / 1024, 1024, 1])).toBeUndefined();
  });
});
