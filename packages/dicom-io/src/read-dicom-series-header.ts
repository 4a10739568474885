import type { DicomInput } from './series/dicom-input';
import {
  type DicomSeriesHeader,
  locateSeries,
  type ReadDicomSeriesOptions,
  seriesHeader,
} from './series/locate-series';

/**
 * Everything {@link readDicomSeries} checks — the series choice and the geometry (order, gaps,
 * spacing, orientation) — and the volume's shape and affine, without decoding a pixel.
 * @throws {DicomError} as {@link readDicomSeries}, except pixel-decoding errors.
 * @example
 * ```ts
 * const header = await readDicomSeriesHeader(files);
 * console.log(header.shape, header.affine);
 * ```
 */
export async function readDicomSeriesHeader(
  inputs: readonly DicomInput[],
  options: ReadDicomSeriesOptions = {},
): Promise<DicomSeriesHeader> {
  return seriesHeader(await locateSeries(inputs, options));
}
