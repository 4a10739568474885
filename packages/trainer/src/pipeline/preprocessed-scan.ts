import type { PreprocessOptions } from '@ct-fracture/nifti-io';
import type { CachedVolume, PreprocessCache } from './preprocess-cache';
import { preprocessScan } from './preprocess-scan';
import type { ReadScanOptions } from './read-scan';

/**
 * A scan as the model sees it: `@ct-fracture/nifti-io`'s recipe (reorient → respace → window →
 * resize, streaming; {@link preprocessScan}) read through the on-disk cache when one is given
 * (keyed by the scan's content — a file, or every file of a DICOM series — and `preprocessing`).
 * @param file - the scan: a NIfTI `.nii` / `.nii.gz` file or a DICOM series folder.
 * @param preprocessing - the recipe (a training configuration's or a checkpoint's).
 * @param cache - the preprocessing cache, or null to read the file every time.
 * @param options - `series` where a folder holds several DICOM series.
 * @returns model-layout values over `preprocessing.size`, whether they came from the cache, and
 *   a `warning` when the cache could not be written (an optimisation only: the volume is good).
 * @throws {NiftiError} when the file cannot be read.
 * @example
 * const { volume } = await preprocessedScan('scan.nii.gz', metadata.preprocessing, new PreprocessCache(dir));
 */
export async function preprocessedScan(
  file: string,
  preprocessing: PreprocessOptions,
  cache: PreprocessCache | null,
  options: ReadScanOptions = {},
): Promise<{ volume: CachedVolume; hit: boolean; warning?: string }> {
  const build = (): Promise<CachedVolume> => preprocessScan(file, preprocessing, options);
  if (cache === null) return { volume: await build(), hit: false };
  return cache.getOrCreate(file, preprocessing, build);
}
