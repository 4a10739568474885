import type { SkippedFile } from './parse/dicom-image-file';
import { SliceBlockWriter } from './series/assemble';
import { forEachBlock } from './series/decode-in-order';
import type { DicomInput } from './series/dicom-input';
import { locateSeries, type ReadDicomSeriesOptions } from './series/locate-series';
import type { DicomSeriesSummary } from './series/series-summary';
import type { Volume } from './volume';

export type { ReadDicomSeriesOptions } from './series/locate-series';

/** A series read as one volume. */
export interface DicomSeries {
  /** Values after rescale (HU for CT) in dcm2niix's voxel layout, affine in RAS+ mm. */
  volume: Volume;
  /** The series read (UID, description, number, modality, slices, transfer syntaxes). */
  series: DicomSeriesSummary;
  /** Geometry the reader accepted but the user should know about (a gantry tilt), with numbers. */
  warnings: string[];
  /** Files that hold no image (not DICOM, a DICOMDIR, reports), and why. */
  skipped: SkippedFile[];
}

/**
 * Reads one DICOM series (single-frame or enhanced multi-frame files, in any order) into the
 * same {@link Volume} nifti-io gives for dcm2niix's conversion of it: slices ordered by position
 * along the slice normal, spacing from the positions, PixelSpacing as (row, column), values
 * after RescaleSlope/RescaleIntercept. Browser-safe: the inputs are names with bytes (or a
 * `read` function). Non-image files (DICOMDIR, reports, other files) are skipped and listed.
 * @param inputs - the files of a series (or of a folder holding several series).
 * @param options - `series` (a SeriesInstanceUID) where the files hold several; tolerances.
 * @throws {DicomError} `several-series` / `series-not-found` (listing each series: UID,
 * description, slices), `no-images`, `inconsistent-geometry` (with the numbers),
 * `unsupported-transfer-syntax` ("unsupported transfer syntax NAME (UID)"), `corrupt-file`,
 * `truncated-pixel-data`, `corrupt-pixel-data` — each naming the file at fault.
 * @example
 * ```ts
 * const { volume, series, warnings } = await readDicomSeries(files);
 * console.log(series.seriesInstanceUid, volume.shape, volume.affine, warnings);
 * ```
 */
export async function readDicomSeries(
  inputs: readonly DicomInput[],
  options: ReadDicomSeriesOptions = {},
): Promise<DicomSeries> {
  const { scanned, chosen, members, stack } = await locateSeries(inputs, options);
  const [columns, rows, count] = stack.shape;
  const data = new Float32Array(columns * rows * count);
  const writer = new SliceBlockWriter(data, stack.shape);
  await forEachBlock(members, stack, (k0, decoded) => writer.write(k0, decoded));
  return {
    volume: { data, shape: stack.shape, spacingMm: stack.spacingMm, affine: stack.affine },
    series: chosen,
    warnings: stack.warnings,
    skipped: scanned.skipped,
  };
}
