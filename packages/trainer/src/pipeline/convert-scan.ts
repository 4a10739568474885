import { readDicomFolder } from '@ct-fracture/dicom-io/node';
import { NiftiError } from '@ct-fracture/nifti-io';
import { type WritableDatatype, writeNifti } from '@ct-fracture/nifti-io/node';
import { type ReadScanOptions, readScan, scanFormat } from './read-scan';

/** What {@link convertScan} wrote. */
export interface ConvertedScan {
  out: string;
  format: 'nifti' | 'dicom';
  shape: [number, number, number];
  datatype: WritableDatatype;
  /** The series' warnings (a gantry tilt), with the numbers. */
  warnings: string[];
}

/**
 * Converts a scan — a DICOM series folder or a NIfTI file — to a NIfTI-1 file (gzip when `out`
 * ends in `.gz`) with sform and qform set to the scan's affine: nibabel reads the result as it
 * reads dcm2niix's conversion, voxel for voxel. A series stored as integers with one rescale is
 * written as int16 with that slope and intercept (as dcm2niix does) when its values fit, float32
 * otherwise; a NIfTI source is written as float32.
 * @throws {DicomError} / {NiftiError} naming the file at fault.
 * @example
 * await convertScan('scans/P001-left', 'P001-left.nii.gz');
 */
export async function convertScan(
  source: string,
  out: string,
  options: ReadScanOptions = {},
): Promise<ConvertedScan> {
  if ((await scanFormat(source)) === 'nifti') {
    const { volume } = await readScan(source);
    await writeNifti(out, volume, { datatype: 'float32' });
    return { out, format: 'nifti', shape: volume.shape, datatype: 'float32', warnings: [] };
  }
  const { volume, series, warnings } = await readDicomFolder(source, { series: options.series });
  const integer = series.datatype !== 'uint32' && series.datatype !== 'int32';
  if (integer && series.rescale !== null && series.rescale.slope !== 0) {
    try {
      await writeNifti(out, volume, {
        datatype: 'int16',
        slope: series.rescale.slope,
        intercept: series.rescale.intercept,
      });
      return { out, format: 'dicom', shape: volume.shape, datatype: 'int16', warnings };
    } catch (error) {
      if (!(NiftiError.isInstance(error) && error.code === 'unrepresentable-value')) throw error;
    }
  }
  await writeNifti(out, volume, { datatype: 'float32' });
  return { out, format: 'dicom', shape: volume.shape, datatype: 'float32', warnings };
}
