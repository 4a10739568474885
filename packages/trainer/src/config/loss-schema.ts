import { z } from 'zod';

/** The multi-task loss: one term per task, summed with per-task weights. */
export const lossSchema = z
  .strictObject({
    type: z
      .enum(['focal', 'cross-entropy'])
      .default('focal')
      .describe(
        "'focal' (original: MONAI FocalLoss — softmax over one-hot targets for multiclass " +
          "heads, sigmoid for binary heads) or 'cross-entropy'.",
      ),
    gamma: z.number().min(0).default(2).describe('Focal exponent γ (original 2).'),
    binaryAlpha: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .default(0.5)
      .describe('Focal α of binary heads: α for positives, 1 − α for negatives (original 0.5).'),
    multiclassAlpha: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .default(null)
      .describe(
        'Focal α of multiclass heads as MONAI: 1 − α for class 0, α for the others (original none).',
      ),
    taskWeights: z
      .record(z.string(), z.number().min(0))
      .default({})
      .describe('Weight of each task in the sum, by task name; unlisted tasks weigh 1.0.'),
    classWeights: z
      .union([
        z.enum(['none', 'inverse-frequency', 'effective-number']),
        z.record(z.string(), z.array(z.number().min(0))),
      ])
      .default('none')
      .describe(
        "Per-class weights: 'none' (original), 'inverse-frequency' or 'effective-number' " +
          '(computed from the training labels), or explicit weights per task name in class order.',
      ),
    effectiveNumberBeta: z
      .number()
      .min(0)
      .lt(1)
      .default(0.999)
      .describe("β of the 'effective-number' class weights (Cui et al. 2019)."),
  })
  .describe('Loss function.');

/** The `loss` section of a training configuration. */
export type LossConfig = z.infer<typeof lossSchema>;
