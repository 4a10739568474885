import type { PreprocessOptions, Volume } from '@ct-fracture/nifti-io';
import { type CachedVolume, PreprocessCache } from './preprocess-cache';
import { preprocessedScan } from './preprocessed-scan';
import { readScan } from './read-scan';

/** Reads scans for evaluation: the model's input through the cache, and the scan as stored. */
export interface CachedScanReader {
  /** The scan preprocessed with `preprocessing` ({@link preprocessedScan}, through the cache). */
  modelInput(file: string, preprocessing: PreprocessOptions): Promise<CachedVolume>;
  /** The scan as stored ({@link readScan}: a NIfTI file or a DICOM series folder). */
  original(file: string): Promise<Volume>;
}

/**
 * The scan reader `@ct-fracture/eval`'s `evaluateCheckpoint` takes: NIfTI files and DICOM series
 * folders, preprocessed through the trainer's on-disk cache in `cacheDir` (scans a run has already
 * preprocessed with the same recipe are not decoded again; null: no cache). The cache is an
 * optimisation: a cache that cannot be written is said once through `warn`, never fatal.
 * @example
 * await evaluateCheckpoint({ model, metadata, samples, out, scans: scanReader(cacheDirFor(config)) });
 */
export function scanReader(
  cacheDir: string | null,
  warn: (message: string) => void = () => undefined,
): CachedScanReader {
  const cache = cacheDir ? new PreprocessCache(cacheDir) : null;
  let warned = false;
  return {
    modelInput: async (file, preprocessing) => {
      const { volume, warning } = await preprocessedScan(file, preprocessing, cache);
      if (warning !== undefined && !warned) {
        warned = true;
        warn(warning);
      }
      return volume;
    },
    original: async (file) => (await readScan(file)).volume,
  };
}
