import { z } from 'zod';

/** The learning-rate schedule, stepped once per epoch as the original. */
export const scheduleSchema = z
  .strictObject({
    type: z
      .enum(['warmup-cosine', 'constant'])
      .default('warmup-cosine')
      .describe(
        "'warmup-cosine' (original: PyTorch SequentialLR of LinearLR then CosineAnnealingLR) or " +
          "'constant' (optimizer.lr throughout).",
      ),
    warmupEpochs: z
      .number()
      .int()
      .min(0)
      .default(10)
      .describe('Epochs of linear warm-up (original 10).'),
    warmupStartFactor: z
      .number()
      .gt(0)
      .max(1)
      .default(0.1)
      .describe('The warm-up starts at this fraction of optimizer.lr (original 0.1).'),
    cosineEpochs: z
      .number()
      .int()
      .positive()
      .nullable()
      .default(null)
      .describe('Epochs of cosine annealing; null = training.epochs − warmupEpochs (original 90).'),
    minLr: z
      .number()
      .min(0)
      .default(1e-5)
      .describe('Learning rate at the end of the cosine (original 1e-5).'),
  })
  .describe('Learning-rate schedule (per epoch).');

/** The `schedule` section of a training configuration. */
export type ScheduleConfig = z.infer<typeof scheduleSchema>;
