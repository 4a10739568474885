import { z } from 'zod';

/** Metric names `training.bestMetric` accepts (`loss*` are minimised, the rest maximised). */
export const BEST_METRIC_PATTERN =
  /^(loss|mean_accuracy|mean_balanced_accuracy|(loss|accuracy|balanced_accuracy):[A-Za-z0-9_-]+)$/;

/** The loop: epochs, batches, validation, checkpoints, stopping, workers, output folder. */
export const trainingSchema = z
  .strictObject({
    epochs: z.number().int().positive().default(100).describe('Training epochs (original 100).'),
    batchSize: z.number().int().positive().default(4).describe('Samples per batch (original 4).'),
    dropLast: z
      .boolean()
      .default(false)
      .describe('Drop the last incomplete batch of each epoch (PyTorch DataLoader default: keep).'),
    seed: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe(
        'Seed of everything random: weight initialisation, shuffling, augmentation, splits.',
      ),
    validateEvery: z
      .number()
      .int()
      .positive()
      .default(5)
      .describe('Validate every this many epochs, and after the last epoch (original 5).'),
    bestMetric: z
      .string()
      .regex(BEST_METRIC_PATTERN, {
        message:
          "must be 'loss', 'mean_accuracy', 'mean_balanced_accuracy' or " +
          "'loss:<task>' / 'accuracy:<task>' / 'balanced_accuracy:<task>'",
      })
      .default('loss')
      .describe(
        "Validation metric that selects checkpoints/best: 'loss' (original), 'mean_accuracy', " +
          "'mean_balanced_accuracy', or 'loss:<task>', 'accuracy:<task>', 'balanced_accuracy:<task>'.",
      ),
    earlyStopping: z
      .strictObject({
        patience: z
          .number()
          .int()
          .positive()
          .describe('Stop after this many validations without improvement of bestMetric.'),
        minDelta: z
          .number()
          .min(0)
          .default(0)
          .describe('Smallest change of bestMetric that counts as an improvement.'),
      })
      .nullable()
      .default(null)
      .describe('Early stopping on bestMetric; null = off (original).'),
    workers: z
      .number()
      .int()
      .min(0)
      .nullable()
      .default(null)
      .describe(
        'Worker threads that read, preprocess and augment scans; 0 = on the main thread; ' +
          'null = one less than the CPU count, at most 4.',
      ),
    prefetchBatches: z
      .number()
      .int()
      .min(1)
      .default(2)
      .describe('Batches prepared ahead of the current training step.'),
    runsDir: z
      .string()
      .default('runs')
      .describe('Parent folder of run folders named by start time.'),
    runDir: z
      .string()
      .nullable()
      .default(null)
      .describe('The run folder; null = <runsDir>/<timestamp>.'),
    backend: z
      .enum(['auto', 'onednn', 'tensorflow', 'cpu', 'wasm'])
      .default('auto')
      .describe(
        "TensorFlow.js backend the CLI sets up: 'auto' picks the fastest that loads (recorded " +
          'in the run).',
      ),
  })
  .describe('Training loop.');

/** The `training` section of a training configuration. */
export type TrainingConfig = z.infer<typeof trainingSchema>;
