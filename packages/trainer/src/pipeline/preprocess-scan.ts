import { readDicomFolderSlices } from '@ct-fracture/dicom-io/node';
import {
  createSlicePreprocessor,
  type ResizeMode,
  readNiftiPreprocessed,
  reorientToRas,
  resampleToSpacing,
  resizeVolume,
  type SlicePreprocessor,
  windowIntensity,
} from '@ct-fracture/nifti-io';
import type { PreprocessingConfig } from '../config/preprocessing-schema';
import type { CachedVolume } from './preprocess-cache';
import { type ReadScanOptions, readScan, scanFormat } from './read-scan';

/**
 * A preprocessing description: the config's `preprocessing` section, or a checkpoint's (whose
 * resize may also be `'nearest'`, e.g. an imported PyTorch checkpoint).
 */
export type ScanPreprocessing = Omit<PreprocessingConfig, 'resizeMode'> & {
  resizeMode: ResizeMode;
};

/**
 * Reads a scan (a NIfTI file or a DICOM series folder, {@link readScan}) and applies the deterministic preprocessing: (reorientation to RAS) →
 * (respacing) → intensity window (clip to `windowHu`, map onto `outputRange`) → resize to `size`.
 * The original: window [-500, 1300] → [0, 1], area resize to 128³, no reorientation/respacing.
 * Without respacing this is `@ct-fracture/nifti-io`'s fused, streaming `readNiftiPreprocessed`
 * (a full-size float copy of the scan is never made); a DICOM series is streamed slice by slice
 * into the same fused preprocessing (`createSlicePreprocessor`), so a series and its dcm2niix conversion
 * give the same model input, bit for bit. With respacing, the scan is read whole and the pure
 * functions apply.
 * @returns model-layout values over `size` = [D, H, W] = voxel axes [i, j, k].
 * @throws {NiftiError} / {DicomError} when the scan cannot be read.
 * @example
 * const { data, shape } = await preprocessScan('scan.nii.gz', parseTrainConfig({}).preprocessing);
 */
export async function preprocessScan(
  file: string,
  preprocessing: ScanPreprocessing,
  options: ReadScanOptions = {},
): Promise<CachedVolume> {
  const { windowHu, outputRange, size, resizeMode, spacingMm } = preprocessing;
  const format = await scanFormat(file);
  if (spacingMm === null && format === 'dicom') {
    let preprocessor: SlicePreprocessor | undefined;
    await readDicomFolderSlices(file, { series: options.series }, (header) => {
      preprocessor = createSlicePreprocessor(header, {
        windowHu,
        outputRange,
        reorientToRas: preprocessing.reorientToRas,
        shape: size,
        mode: resizeMode,
      });
      return (k, slice) =>
        preprocessor!.add(k, slice.samples, {
          slope: slice.slope,
          intercept: slice.intercept,
          rowsReversed: true,
        });
    });
    return { data: preprocessor!.result().data, shape: [...size] };
  }
  if (spacingMm === null && format === 'nifti') {
    const { volume } = await readNiftiPreprocessed(file, {
      windowHu,
      outputRange,
      reorientToRas: preprocessing.reorientToRas,
      shape: size,
      mode: resizeMode,
    });
    return { data: volume.data, shape: [...size] };
  }
  let { volume } = await readScan(file, options);
  if (preprocessing.reorientToRas) volume = reorientToRas(volume);
  if (spacingMm !== null) volume = resampleToSpacing(volume, { spacingMm, mode: 'trilinear' });
  volume = windowIntensity(volume, { windowHu, outputRange });
  volume = resizeVolume(volume, { shape: size, mode: resizeMode });
  return { data: volume.data, shape: [...size] };
}
