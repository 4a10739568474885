import { z } from 'zod';

/** The optimiser and how gradients are combined before each update. */
export const optimizerSchema = z
  .strictObject({
    type: z
      .enum(['adam', 'adamw'])
      .default('adam')
      .describe(
        "'adam' (original; weight decay, if any, added to the gradient as PyTorch's Adam) or " +
          "'adamw' (decoupled weight decay as PyTorch's AdamW).",
      ),
    lr: z.number().positive().default(5e-4).describe('Peak learning rate (original 5e-4).'),
    betas: z
      .tuple([z.number().min(0).lt(1), z.number().min(0).lt(1)])
      .default([0.9, 0.999])
      .describe('Adam β1, β2.'),
    eps: z.number().positive().default(1e-8).describe('Adam ε.'),
    weightDecay: z.number().min(0).default(0).describe('Weight decay (original 0).'),
    gradientClipNorm: z
      .number()
      .positive()
      .nullable()
      .default(null)
      .describe('Clip the global L2 norm of the gradients to this value; null = no clipping.'),
    accumulationSteps: z
      .number()
      .int()
      .positive()
      .default(1)
      .describe(
        'Average the gradients of this many batches per update (effective batch = batchSize × this).',
      ),
  })
  .describe('Optimiser.');

/** The `optimizer` section of a training configuration. */
export type OptimizerConfig = z.infer<typeof optimizerSchema>;
