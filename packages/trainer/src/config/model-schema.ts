import { z } from 'zod';

/** The values of `model.architecture`: the MONAI presets and `custom`. */
export const MODEL_ARCHITECTURES = [
  'densenet121',
  'densenet169',
  'densenet201',
  'densenet264',
  'custom',
] as const;

/** The network: a MONAI-equivalent 3D DenseNet with one head per task. */
export const modelSchema = z
  .strictObject({
    architecture: z
      .enum(MODEL_ARCHITECTURES)
      .default('densenet121')
      .describe(
        "DenseNet depth (MONAI presets: init features 64, growth 32, bn size 4) or 'custom' " +
          '(then initFeatures, growthRate, blockConfig and bnSize apply). The original used densenet121.',
      ),
    initFeatures: z
      .number()
      .int()
      .positive()
      .default(64)
      .describe("Channels after the stem convolution ('custom' only)."),
    growthRate: z
      .number()
      .int()
      .positive()
      .default(32)
      .describe("Channels each dense layer adds ('custom' only)."),
    blockConfig: z
      .array(z.number().int().positive())
      .min(1)
      .default([6, 12, 24, 16])
      .describe("Dense layers per block ('custom' only)."),
    bnSize: z
      .number()
      .int()
      .positive()
      .default(4)
      .describe("Bottleneck width multiplier ('custom' only)."),
    dropoutProb: z
      .number()
      .min(0)
      .lt(1)
      .default(0)
      .describe('Dropout probability after each dense layer (original 0).'),
    init: z
      .string()
      .nullable()
      .default(null)
      .describe(
        'Start from the weights of this checkpoint folder (fine-tuning) instead of a seeded ' +
          'random initialisation; its label specification must match.',
      ),
  })
  .describe('Network architecture.');

/** The `model` section of a training configuration. */
export type ModelConfig = z.infer<typeof modelSchema>;
