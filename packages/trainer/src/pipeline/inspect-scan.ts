import { readDicomFolder } from '@ct-fracture/dicom-io/node';
import { affineToAxcodes } from '@ct-fracture/nifti-io';
import { inspectNifti, type NiftiSummary } from '@ct-fracture/nifti-io/node';
import { type ReadScanOptions, scanFormat } from './read-scan';

/**
 * What `ct-fracture inspect --json` prints for a scan (DESIGN.md): a NIfTI file's
 * {@link NiftiSummary}, or the same fields for a DICOM series folder with `format: 'dicom'`
 * (shape and affine of the volume as read, the stored datatype, the common rescale) plus the
 * series' UID, description and slice count. No patient data.
 */
export type ScanSummary =
  | NiftiSummary
  | (Omit<NiftiSummary, 'format'> & {
      format: 'dicom';
      series: {
        seriesInstanceUid: string;
        description: string | null;
        slices: number;
        transferSyntaxes: string[];
      };
      warnings: string[];
    });

/** Minimum, maximum and mean, NaN ignored (null when none is left). */
function stats(data: Float32Array): NiftiSummary['stats'] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let count = 0;
  for (let index = 0; index < data.length; index++) {
    const value = data[index]!;
    if (Number.isNaN(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
    sum += value;
    count += 1;
  }
  return count === 0 ? { min: null, max: null, mean: null } : { min, max, mean: sum / count };
}

/**
 * Summarises a scan for `inspect`: a NIfTI file as nibabel reads it, or a DICOM series folder as
 * it is read into a volume.
 * @throws {NiftiError} / {DicomError} naming the file at fault.
 * @example
 * const summary = await inspectScan('scans/P001-left'); // summary.format === 'dicom'
 */
export async function inspectScan(
  path: string,
  options: ReadScanOptions = {},
): Promise<ScanSummary> {
  if ((await scanFormat(path)) === 'nifti') return inspectNifti(path);
  const { volume, series, warnings } = await readDicomFolder(path, { series: options.series });
  return {
    path,
    format: 'dicom',
    compressed: series.compressed,
    shape: [...volume.shape],
    datatype: series.datatype,
    spacing: [...volume.spacingMm],
    affine: volume.affine,
    orientation: affineToAxcodes(volume.affine),
    scaling: series.rescale ?? { slope: null, intercept: null },
    stats: stats(volume.data),
    series: {
      seriesInstanceUid: series.seriesInstanceUid,
      description: series.description ?? null,
      slices: series.slices,
      transferSyntaxes: series.transferSyntaxes,
    },
    warnings,
  };
}
