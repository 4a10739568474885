/** The two splits of the original project's data layout. */
export type OriginalSplit = 'train' | 'test';

/** Where a split's labels and scans are, relative to the dataset root (`/`-separated). */
export interface SplitLocation {
  /** The label CSV, e.g. `train_labels.csv`. */
  readonly csv: string;
  /** The folder of scans, e.g. `new_datasets/one_side_train`. */
  readonly scans: string;
}

/**
 * The original project's dataset layout (ORIGINAL_PIPELINE.md), relative to the dataset root:
 * `train_labels.csv` and `test_labels.csv`, scans under `new_datasets/one_side_train/` and
 * `new_datasets/one_side_test/`. `ct-fracture synth` writes it, `train --data` and
 * `validate --data` read it.
 * @example
 * ```ts
 * ORIGINAL_LAYOUT.test.scans; // 'new_datasets/one_side_test'
 * ```
 */
export const ORIGINAL_LAYOUT: Readonly<Record<OriginalSplit, SplitLocation>> = {
  train: { csv: 'train_labels.csv', scans: 'new_datasets/one_side_train' },
  test: { csv: 'test_labels.csv', scans: 'new_datasets/one_side_test' },
};
