import { z } from 'zod';

/** Where the scans and labels are, and how scans are matched to label rows. */
export const dataSchema = z
  .strictObject({
    dir: z
      .string()
      .nullable()
      .default(null)
      .describe(
        'Dataset root in the original layout: train_labels.csv, test_labels.csv, ' +
          'new_datasets/one_side_train/*.nii[.gz], new_datasets/one_side_test/*.nii[.gz] (a scan ' +
          'may also be a DICOM series sub-folder named like a scan file). ' +
          'Relative paths are resolved against the working directory.',
      ),
    trainCsv: z
      .string()
      .nullable()
      .default(null)
      .describe('Training label CSV; overrides <dir>/train_labels.csv.'),
    trainDir: z
      .string()
      .nullable()
      .default(null)
      .describe('Folder of training scans; overrides <dir>/new_datasets/one_side_train.'),
    valCsv: z
      .string()
      .nullable()
      .default(null)
      .describe('Validation label CSV; overrides <dir>/test_labels.csv.'),
    valDir: z
      .string()
      .nullable()
      .default(null)
      .describe('Folder of validation scans; overrides <dir>/new_datasets/one_side_test.'),
    validationFraction: z
      .number()
      .gt(0)
      .lt(1)
      .nullable()
      .default(null)
      .describe(
        'When set, hold out this fraction of the training rows (seeded, stratified) for ' +
          'validation instead of using the validation CSV (the original validated on the test split).',
      ),
    crossValidation: z
      .strictObject({
        folds: z
          .string()
          .describe(
            'The folds.json of a cross-validation (written by ct-fracture cv): ' +
              '{"folds": [{"train": [patient ids], "validation": [patient ids]}, …]}.',
          ),
        fold: z
          .number()
          .int()
          .min(0)
          .describe('The fold this run trains (0-based index into folds).'),
        includeTest: z
          .boolean()
          .default(false)
          .describe(
            'The patients come from the training and the test split (valCsv/valDir or ' +
              '<dir>/test_labels.csv); false = the training split only, the test split untouched.',
          ),
      })
      .nullable()
      .default(null)
      .describe(
        "A cross-validation fold: train on the fold's training patients and validate on its " +
          'validation patients instead of the validation CSV or validationFraction; null = no ' +
          'cross-validation. Set by ct-fracture cv for each fold run.',
      ),
    labelSpec: z
      .string()
      .default('default')
      .describe(
        "Label specification: 'default' (six tasks), 'original' (the original five-task " +
          'layout) or the path of a JSON specification file.',
      ),
    skipBad: z
      .boolean()
      .default(false)
      .describe(
        'Skip scans that cannot be read (with a warning naming each file) instead of stopping.',
      ),
    cache: z
      .boolean()
      .default(true)
      .describe(
        'Keep preprocessed volumes in an on-disk cache keyed by file content and preprocessing ' +
          '(an optimisation only: when it cannot be written, a warning is given once and training goes on).',
      ),
    cacheDir: z
      .string()
      .nullable()
      .default(null)
      .describe(
        'Cache folder; null = $XDG_CACHE_HOME/ct-fracture, else ~/.cache/ct-fracture (never ' +
          'inside the dataset, which may be read-only).',
      ),
  })
  .describe('Scans and labels.');

/** The `data` section of a training configuration (all defaults filled in). */
export type DataConfig = z.infer<typeof dataSchema>;
