import { z } from 'zod';
import { augmentationSchema } from './augmentation-schema';
import { calibrationSchema } from './calibration-schema';
import { dataSchema } from './data-schema';
import { lossSchema } from './loss-schema';
import { modelSchema } from './model-schema';
import { optimizerSchema } from './optimizer-schema';
import { preprocessingSchema } from './preprocessing-schema';
import { scheduleSchema } from './schedule-schema';
import { trainingSchema } from './training-schema';

/**
 * The training configuration (JSON or YAML). Every field has a default reproducing the original
 * recipe; unknown keys are rejected. `parse({})` gives the original project's settings.
 */
export const trainConfigSchema = z
  .strictObject({
    data: dataSchema.prefault({}),
    preprocessing: preprocessingSchema.prefault({}),
    augmentation: augmentationSchema.prefault({}),
    model: modelSchema.prefault({}),
    loss: lossSchema.prefault({}),
    optimizer: optimizerSchema.prefault({}),
    schedule: scheduleSchema.prefault({}),
    training: trainingSchema.prefault({}),
    calibration: calibrationSchema.prefault({}),
  })
  .superRefine((config, context) => {
    const { warmupEpochs, cosineEpochs } = config.schedule;
    if (config.schedule.type === 'warmup-cosine' && cosineEpochs === null) {
      if (config.training.epochs > 0 && config.training.epochs <= warmupEpochs) {
        context.addIssue({
          code: 'custom',
          path: ['schedule', 'warmupEpochs'],
          message: `must be less than training.epochs (${config.training.epochs}) when cosineEpochs is null`,
          input: warmupEpochs,
        });
      }
    }
    if (config.data.crossValidation !== null && config.data.validationFraction !== null) {
      context.addIssue({
        code: 'custom',
        path: ['data', 'validationFraction'],
        message:
          'must be null in a cross-validation fold (data.crossValidation picks the validation patients)',
        input: config.data.validationFraction,
      });
    }
    if (config.optimizer.lr > 0 && config.schedule.minLr > config.optimizer.lr) {
      context.addIssue({
        code: 'custom',
        path: ['schedule', 'minLr'],
        message: `must be at most optimizer.lr (${config.optimizer.lr})`,
        input: config.schedule.minLr,
      });
    }
  })
  .describe('ct-fracture training configuration.');

/** A complete, validated training configuration (every default filled in). */
export type TrainConfig = z.output<typeof trainConfigSchema>;

/** A training configuration as written in a file: every field optional. */
export type TrainConfigInput = z.input<typeof trainConfigSchema>;
