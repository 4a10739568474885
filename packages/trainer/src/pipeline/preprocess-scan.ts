import { readDicomFolderSlices } from '@ct-fracture/dicom-io/node';
import {
  createSlicePreprocessor,
  type PreprocessOptions,
  preprocessVolume,
  type SlicePreprocessor,
} from '@ct-fracture/nifti-io';
import { readNiftiPreprocessed } from '@ct-fracture/nifti-io/node';
import type { CachedVolume } from './preprocess-cache';
import { type ReadScanOptions, readScan, scanFormat } from './read-scan';

/**
 * Reads a scan (a NIfTI file or a DICOM series folder, {@link readScan}) and applies
 * `@ct-fracture/nifti-io`'s one recipe, `preprocessVolume`: (reorientation to RAS) → (respacing) →
 * intensity window (clip to `windowHu`, map onto `outputRange`) → resize to `size`.
 * The original: window [-500, 1300] → [0, 1], area resize to 128³, no reorientation/respacing.
 * Without respacing this is `@ct-fracture/nifti-io`'s fused, streaming `readNiftiPreprocessed`
 * (a full-size float copy of the scan is never made); a DICOM series is streamed slice by slice
 * into the same fused preprocessing (`createSlicePreprocessor`), so a series and its dcm2niix conversion
 * give the same model input, bit for bit. With respacing, the scan is read whole and
 * `preprocessVolume` applies.
 * @returns model-layout values over `size` = [D, H, W] = voxel axes [i, j, k].
 * @throws {NiftiError} / {DicomError} when the scan cannot be read.
 * @example
 * const { data, shape } = await preprocessScan('scan.nii.gz', parseTrainConfig({}).preprocessing);
 */
export async function preprocessScan(
  file: string,
  preprocessing: PreprocessOptions,
  options: ReadScanOptions = {},
): Promise<CachedVolume> {
  const { size, spacingMm } = preprocessing;
  const format = await scanFormat(file);
  if (spacingMm === null && format === 'dicom') {
    let preprocessor: SlicePreprocessor | undefined;
    await readDicomFolderSlices(file, { series: options.series }, (header) => {
      preprocessor = createSlicePreprocessor(header, preprocessing);
      return (k, slice) =>
        preprocessor!.add(k, slice.samples, {
          slope: slice.slope,
          intercept: slice.intercept,
          rowsReversed: true,
        });
    });
    return { data: preprocessor!.result().data, shape: [...size] };
  }
  if (format === 'nifti') {
    const { volume } = await readNiftiPreprocessed(file, preprocessing);
    return { data: volume.data, shape: [...size] };
  }
  const { volume } = await readScan(file, options);
  return { data: preprocessVolume(volume, preprocessing).data, shape: [...size] };
}
