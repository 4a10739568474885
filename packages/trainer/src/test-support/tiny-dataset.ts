import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ORIGINAL_LAYOUT, SeededRandom } from '@ct-fracture/core';
import { writeNifti } from '@ct-fracture/nifti-io/node';

const HEADER =
  'patient_id,fracture_classification,gt_displacement_greater_equal_to_1cm,shaft_translation,varus_malalignment,art_involvement';
const PARTS = ['1-part', '2-part', '3-part'];
const SHAFT = ['none', 'substantial', 'complete'];
const ARTICULAR = ['none-rim', 'subcritical', 'head split'];

/**
 * Writes a small dataset in the original layout: `count` training and `testCount` test scans of
 * `size`³ voxels (HU-like values; the fracture class brightens a corner so it is learnable) with
 * label CSVs for the default six-task specification. Test support only.
 */
export async function writeTinyDataset(
  dir: string,
  options: { count: number; testCount: number; size: number; seed: number },
): Promise<void> {
  const random = new SeededRandom(options.seed);
  for (const [split, count] of [
    ['train', options.count],
    ['test', options.testCount],
  ] as const) {
    const folder = join(dir, ORIGINAL_LAYOUT[split].scans);
    await mkdir(folder, { recursive: true });
    const lines = [HEADER];
    for (let i = 0; i < count; i += 1) {
      const id = `${split === 'train' ? 'TR' : 'TE'}${String(i).padStart(3, '0')}`;
      const parts = i % 3;
      const n = options.size;
      const data = new Float32Array(n * n * n);
      for (let v = 0; v < data.length; v += 1) data[v] = -200 + 300 * random.normal();
      for (let a = 0; a < n / 2; a += 1) {
        for (let b = 0; b < n / 2; b += 1) {
          for (let c = 0; c < n / 2; c += 1) data[(a * n + b) * n + c]! += 400 * parts;
        }
      }
      await writeNifti(join(folder, `${id}-left.nii`), {
        data,
        shape: [n, n, n],
        spacingMm: [1, 1, 1],
        affine: [
          [1, 0, 0, 0],
          [0, 1, 0, 0],
          [0, 0, 1, 0],
          [0, 0, 0, 1],
        ],
      });
      const gt = i % 4 === 0 ? '' : i % 2 === 0 ? 'yes' : 'no';
      lines.push(
        [
          id,
          PARTS[parts],
          gt,
          SHAFT[i % 3],
          i % 2 === 0 ? 'no' : 'yes',
          ARTICULAR[(i + 1) % 3],
        ].join(','),
      );
    }
    await writeFile(join(dir, ORIGINAL_LAYOUT[split].csv), `${lines.join('\n')}\n`);
  }
}
