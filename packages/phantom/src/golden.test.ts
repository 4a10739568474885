import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateCase } from './case/generate-case';
import { planDataset } from './dataset/plan-dataset';
import { DEFAULT_CLASS_FREQUENCIES } from './labels/class-frequencies';

// Golden values recorded before the random generators moved into @ct-fracture/core: a phantom
// dataset (labels, geometry, voxels) must stay the same for the same seed, release after release.
describe('phantoms are unchanged for a seed (golden)', () => {
  const plan = planDataset({
    train: 3,
    test: 1,
    seed: 11,
    side: 'random',
    gzip: false,
    spellings: 'varied',
    frequencies: DEFAULT_CLASS_FREQUENCIES,
  });

  it('plans the same cases', () => {
    const digest = createHash('sha256').update(JSON.stringify(plan)).digest('hex');
    expect(digest).toMatchSnapshot();
  });

  it.each([0, 3])('renders case %i to the same voxels and labels', (index) => {
    const generated = generateCase(plan[index]!, {
      size: 'small',
      orientation: 'LPS',
      spellings: 'varied',
    });
    const voxels = generated.rendered.volume.data;
    const digest = createHash('sha256')
      .update(new Uint8Array(voxels.buffer, voxels.byteOffset, voxels.byteLength))
      .update(JSON.stringify(generated.record))
      .digest('hex');
    expect(digest).toMatchSnapshot();
  });
});
