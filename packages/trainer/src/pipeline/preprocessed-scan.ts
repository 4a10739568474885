import type { PreprocessOptions } from '@ct-fracture/nifti-io';
import { readNiftiPreprocessed } from '@ct-fracture/nifti-io/node';
import type { CachedVolume, PreprocessCache } from './preprocess-cache';

/**
 * A scan as the model sees it: `@ct-fracture/nifti-io`'s recipe (`readNiftiPreprocessed`: reorient
 * → respace → window → resize, streaming) read through the on-disk cache when one is given (keyed
 * by the file's content and `preprocessing`).
 * @param file - the scan (NIfTI `.nii` / `.nii.gz`).
 * @param preprocessing - the recipe (a training configuration's or a checkpoint's).
 * @param cache - the preprocessing cache, or null to read the file every time.
 * @returns model-layout values over `preprocessing.size` and whether they came from the cache.
 * @throws {NiftiError} when the file cannot be read; {@link TrainerError} `cache` when an entry
 *   cannot be written.
 * @example
 * const { volume } = await preprocessedScan('scan.nii.gz', metadata.preprocessing, new PreprocessCache(dir));
 */
export async function preprocessedScan(
  file: string,
  preprocessing: PreprocessOptions,
  cache: PreprocessCache | null,
): Promise<{ volume: CachedVolume; hit: boolean }> {
  const build = async (): Promise<CachedVolume> => {
    const { volume } = await readNiftiPreprocessed(file, preprocessing);
    return { data: volume.data, shape: volume.shape };
  };
  if (cache === null) return { volume: await build(), hit: false };
  return cache.getOrCreate(file, preprocessing, build);
}
