import { ORIGINAL_LAYOUT, seedFromPath } from '@ct-fracture/core';
import type { Side } from '../case/case-geometry';
import type { CaseSpec } from '../case/case-spec';
import { PhantomError } from '../errors/phantom-error';
import type { ClassFrequencies } from '../labels/class-frequencies';
import { designCases } from '../labels/design-cases';
import { streamRandom } from '../random';
import type { SpellingMode } from './label-spellings';

/** What a dataset's cases are (before any voxels). */
export interface DatasetPlanOptions {
  train: number;
  test: number;
  seed: number;
  /** Which shoulder, or `'random'` per case. */
  side: Side | 'random';
  gzip: boolean;
  /** A scan per case as a NIfTI file (default) or a DICOM series folder named like one. */
  format?: 'nifti' | 'dicom';
  spellings: SpellingMode;
  frequencies: ClassFrequencies;
}

function checkCount(option: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 99999) {
    throw new PhantomError({
      code: 'invalid-option',
      option,
      value: String(value),
      message: `must be a whole number of cases in [0, 99999], got ${value}`,
    });
  }
}

/**
 * The cases of a dataset: labels drawn per split (stratified, see
 * `designCases`), a seed per case derived from the dataset seed and the case's
 * index, ids `phantom0001…` (train first), files in the original layout.
 * Varied spellings also vary the ids' case and add a side suffix to file names
 * (`Phantom0007` ↔ `phantom0007-right.nii`), which the original matching rule
 * (base name up to `.`, then up to `-`, lower-cased) still pairs.
 * @throws {PhantomError} (`invalid-option`) for a bad count or seed.
 * @example
 * planDataset({ train: 4, test: 2, seed: 1, side: 'right', gzip: false, spellings: 'canonical', frequencies: DEFAULT_CLASS_FREQUENCIES })[0].file;
 * // 'new_datasets/one_side_train/phantom0001.nii'
 */
export function planDataset(options: DatasetPlanOptions): CaseSpec[] {
  checkCount('train', options.train);
  checkCount('test', options.test);
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
    throw new PhantomError({
      code: 'invalid-option',
      option: 'seed',
      value: String(options.seed),
      message: `must be an integer in [0, 4294967295], got ${options.seed}`,
    });
  }
  const specs: CaseSpec[] = [];
  const splits = [
    ['train', options.train],
    ['test', options.test],
  ] as const;
  splits.forEach(([split, count], splitIndex) => {
    const designs = designCases(
      count,
      options.frequencies,
      streamRandom(options.seed, 0xd5, splitIndex),
    );
    for (const design of designs) {
      const index = specs.length;
      const seed = seedFromPath(options.seed, index);
      const side: Side =
        options.side === 'random'
          ? seedFromPath(seed, 0x51de) & 1
            ? 'right'
            : 'left'
          : options.side;
      const id = `phantom${String(index + 1).padStart(4, '0')}`;
      const varied = options.spellings === 'varied';
      const patientId = varied && index % 2 === 0 ? `P${id.slice(1)}` : id;
      const base = varied ? `${id}-${side}` : id;
      specs.push({
        index,
        split,
        patientId,
        file:
          options.format === 'dicom'
            ? `${ORIGINAL_LAYOUT[split].scans}/${base}`
            : `${ORIGINAL_LAYOUT[split].scans}/${base}.nii${options.gzip ? '.gz' : ''}`,
        seed,
        side,
        design,
      });
    }
  });
  return specs;
}
