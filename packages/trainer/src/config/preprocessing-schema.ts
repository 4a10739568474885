import type { PreprocessOptions } from '@ct-fracture/nifti-io';
import { z } from 'zod';

const triple = z.tuple([z.number(), z.number(), z.number()]);

/**
 * The deterministic preprocessing applied to every scan before caching (original: window +
 * resize): `@ct-fracture/nifti-io`'s `PreprocessOptions`, with defaults and descriptions.
 */
export const preprocessingSchema = z
  .strictObject({
    windowHu: z
      .tuple([z.number(), z.number()])
      .refine(([lo, hi]) => lo < hi, 'the window must have lo < hi')
      .default([-500, 1300])
      .describe(
        'Intensity window in HU [lo, hi]: values are clipped to it (original [-500, 1300]).',
      ),
    outputRange: z
      .tuple([z.number(), z.number()])
      .default([0, 1])
      .describe('The window is scaled linearly onto this range (original [0, 1]).'),
    size: z
      .tuple([z.number().int().min(8), z.number().int().min(8), z.number().int().min(8)])
      .default([128, 128, 128])
      .describe(
        'Model input shape [D, H, W] = voxel axes [i, j, k] after resizing (original 128³).',
      ),
    resizeMode: z
      .enum(['area', 'trilinear'])
      .default('area')
      .describe(
        "Resize interpolation: 'area' (anti-aliased, MONAI Resize's default, the original) or 'trilinear'.",
      ),
    reorientToRas: z
      .boolean()
      .default(false)
      .describe('Reorient to the closest canonical RAS before resizing (the original did not).'),
    spacingMm: triple
      .refine((spacing) => spacing.every((value) => value > 0), 'spacing must be positive')
      .nullable()
      .default(null)
      .describe(
        'Resample to this voxel spacing in mm before resizing; null = no respacing (original).',
      ),
  })
  .describe('Deterministic preprocessing, cached on disk.') satisfies z.ZodType<PreprocessOptions>;
