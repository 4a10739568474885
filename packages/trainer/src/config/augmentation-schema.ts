import { z } from 'zod';

const probability = z.number().min(0).max(1);
const nonNegativeTriple = z.tuple([z.number().min(0), z.number().min(0), z.number().min(0)]);

/** 6 radians in degrees: the original's RandRotate range (MONAI's unit is radians). */
export const ORIGINAL_ROTATION_RANGE_DEG = (6 * 180) / Math.PI;

/** Fully specified augmentation parameters (what a preset plus overrides resolve to). */
export interface AugmentationParameters {
  /** Random rotation about each voxel axis (i, j, k), trilinear, border padding. */
  rotation: { probability: number; rangeDeg: [number, number, number] };
  /** Random zoom (isotropic factor uniform in [min, max]; > 1 magnifies), same resampling. */
  zoom: { probability: number; min: number; max: number };
  /** Random flips: each listed voxel axis flips independently with the probability. */
  flip: { probability: number; axes: number[] };
  /** Additive Gaussian noise with standard deviation `stdDev` (in output-range units). */
  noise: { probability: number; stdDev: number };
  /** Multiplicative intensity scaling by 1 + u, u uniform in (−range, range). */
  intensityScale: { probability: number; range: number };
  /** Additive intensity shift by u, u uniform in (−range, range). */
  intensityShift: { probability: number; range: number };
}

/** The named augmentation presets. */
export type AugmentationPresetName = 'original' | 'none' | 'light';

const OFF = { probability: 0 };

/** The parameters of each preset; explicit config fields override them field by field. */
export const AUGMENTATION_PRESETS: Record<AugmentationPresetName, AugmentationParameters> = {
  original: {
    rotation: {
      probability: 0.5,
      rangeDeg: [
        ORIGINAL_ROTATION_RANGE_DEG,
        ORIGINAL_ROTATION_RANGE_DEG,
        ORIGINAL_ROTATION_RANGE_DEG,
      ],
    },
    zoom: { ...OFF, min: 1, max: 1 },
    flip: { ...OFF, axes: [] },
    noise: { ...OFF, stdDev: 0 },
    intensityScale: { ...OFF, range: 0 },
    intensityShift: { ...OFF, range: 0 },
  },
  none: {
    rotation: { ...OFF, rangeDeg: [0, 0, 0] },
    zoom: { ...OFF, min: 1, max: 1 },
    flip: { ...OFF, axes: [] },
    noise: { ...OFF, stdDev: 0 },
    intensityScale: { ...OFF, range: 0 },
    intensityShift: { ...OFF, range: 0 },
  },
  light: {
    rotation: { probability: 0.5, rangeDeg: [15, 15, 15] },
    zoom: { probability: 0.3, min: 0.9, max: 1.1 },
    flip: { ...OFF, axes: [] },
    noise: { probability: 0.3, stdDev: 0.02 },
    intensityScale: { probability: 0.3, range: 0.1 },
    intensityShift: { probability: 0.3, range: 0.05 },
  },
};

const overrides = z.strictObject({
  preset: z
    .enum(['original', 'none', 'light'])
    .default('original')
    .describe(
      "Base parameters: 'original' (rotation p 0.5, ±6 rad about each axis — the original's " +
        "MONAI RandRotate, likely meant as degrees), 'none', or 'light' (±15°, zoom, noise, " +
        'intensity). The fields below override the preset field by field.',
    ),
  rotation: z
    .strictObject({
      probability: probability.optional().describe('Probability of rotating a sample.'),
      rangeDeg: nonNegativeTriple
        .optional()
        .describe('Angle range in degrees per axis (i, j, k): uniform in (−r, r).'),
    })
    .optional()
    .describe('Random rotation about the volume centre, trilinear, border padding.'),
  zoom: z
    .strictObject({
      probability: probability.optional().describe('Probability of zooming a sample.'),
      min: z.number().positive().optional().describe('Smallest zoom factor (< 1 shrinks).'),
      max: z.number().positive().optional().describe('Largest zoom factor (> 1 magnifies).'),
    })
    .optional()
    .describe('Random isotropic zoom about the centre, output size kept, border padding.'),
  flip: z
    .strictObject({
      probability: probability.optional().describe('Probability of flipping each listed axis.'),
      axes: z
        .array(z.union([z.literal(0), z.literal(1), z.literal(2)]))
        .optional()
        .describe('Voxel axes (0 = i, 1 = j, 2 = k) that may flip.'),
    })
    .optional()
    .describe('Random flips; off by default because scans are one-sided.'),
  noise: z
    .strictObject({
      probability: probability.optional().describe('Probability of adding noise.'),
      stdDev: z.number().min(0).optional().describe('Standard deviation (output-range units).'),
    })
    .optional()
    .describe('Additive Gaussian noise.'),
  intensityScale: z
    .strictObject({
      probability: probability.optional().describe('Probability of scaling intensities.'),
      range: z
        .number()
        .min(0)
        .optional()
        .describe('Factor 1 + u with u uniform in (−range, range).'),
    })
    .optional()
    .describe('Random multiplicative intensity scaling.'),
  intensityShift: z
    .strictObject({
      probability: probability.optional().describe('Probability of shifting intensities.'),
      range: z.number().min(0).optional().describe('Offset uniform in (−range, range).'),
    })
    .optional()
    .describe('Random additive intensity shift.'),
});

/** A preset's parameters with the given fields overriding it. */
export function resolveAugmentation(
  input: z.output<typeof overrides>,
): AugmentationParameters & { preset: AugmentationPresetName } {
  const base = AUGMENTATION_PRESETS[input.preset];
  const pick = <T extends object>(preset: T, given: Partial<T> | undefined): T => {
    const merged = { ...preset };
    for (const [key, value] of Object.entries(given ?? {})) {
      if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
    }
    return merged;
  };
  return {
    preset: input.preset,
    rotation: pick(base.rotation, input.rotation),
    zoom: pick(base.zoom, input.zoom),
    flip: pick(base.flip, input.flip),
    noise: pick(base.noise, input.noise),
    intensityScale: pick(base.intensityScale, input.intensityScale),
    intensityShift: pick(base.intensityShift, input.intensityShift),
  };
}

/** The `augmentation` section: a preset plus field overrides, resolved to full parameters. */
export const augmentationSchema = overrides
  .transform(resolveAugmentation)
  .refine((value) => value.zoom.min <= value.zoom.max, {
    message: 'zoom.min must be ≤ zoom.max',
    path: ['zoom', 'min'],
  })
  .describe('Training-time augmentation (seeded; never applied to validation).');

/** The resolved `augmentation` section of a training configuration. */
export type AugmentationConfig = z.output<typeof augmentationSchema>;
