import type { PreprocessOptions } from '@ct-fracture/nifti-io';
import type { AugmentationParameters } from '../config/augmentation-schema';

/** What to prepare for one training or validation sample (structured-clone safe). */
export interface SampleRequest {
  /** The scan: a NIfTI file (`.nii` / `.nii.gz`) or a DICOM series folder. */
  file: string;
  /** Deterministic preprocessing (window, resize, …): the cache key's parameters. */
  preprocessing: PreprocessOptions;
  /** The preprocessing cache folder; null = no cache. */
  cacheDir: string | null;
  /** Augmentation parameters, or null for none (validation). */
  augmentation: AugmentationParameters | null;
  /** Seed of this sample's augmentation, e.g. `[runSeed, epoch, sampleIndex]`. */
  seed: number[];
}

/** A prepared sample: model-layout values `[D, H, W]` plus what it cost. */
export interface PreparedSample {
  data: Float32Array;
  shape: [number, number, number];
  /** Whether the preprocessed volume came from the cache. */
  cacheHit: boolean;
  /** Why the preprocessed volume could not be cached (the cache is an optimisation only). */
  cacheWarning?: string;
  /** Milliseconds spent reading/preprocessing (or loading the cache entry). */
  loadMs: number;
  /** Milliseconds spent augmenting. */
  augmentMs: number;
}

/** A failure crossing the worker boundary (errors are not structured-clone faithful). */
export interface SerializedError {
  name: string;
  code: string | undefined;
  message: string;
  file: string | undefined;
}
