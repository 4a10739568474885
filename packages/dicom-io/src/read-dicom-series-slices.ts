import type { StoredSamples } from './pixels/decode-frame';
import { forEachBlock } from './series/decode-in-order';
import type { DicomInput } from './series/dicom-input';
import {
  type DicomSeriesHeader,
  locateSeries,
  type ReadDicomSeriesOptions,
  seriesHeader,
} from './series/locate-series';

/**
 * One slice as stored: `samples[r * columns + c]` is row r, column c — voxel
 * (i = c, j = rows − 1 − r, k) of the volume {@link readDicomSeries} returns — and its value is
 * `sample × slope + intercept`.
 */
export interface DicomSlice {
  samples: StoredSamples;
  slope: number;
  intercept: number;
}

/** Receives the slices of a series in increasing k. */
export type DicomSliceSink = (k: number, slice: DicomSlice) => void;

/**
 * Reads a series slice by slice, never holding the whole volume: the checks of
 * {@link readDicomSeries}, then `start(header)` — which returns where the slices go — and every
 * slice in volume order to it (for fused preprocessing, e.g. nifti-io's
 * `createSlicePreprocessor`).
 * @returns the series' header (shape, affine, series, warnings, skipped files).
 * @throws {DicomError} as {@link readDicomSeries}; whatever `start` or the sink throws.
 * @example
 * ```ts
 * await readDicomSeriesSlices(files, {}, (header) => (k, plane) => console.log(header.shape, k, plane[0]));
 * ```
 */
export async function readDicomSeriesSlices(
  inputs: readonly DicomInput[],
  options: ReadDicomSeriesOptions,
  start: (header: DicomSeriesHeader) => DicomSliceSink,
): Promise<DicomSeriesHeader> {
  const located = await locateSeries(inputs, options);
  const header = seriesHeader(located);
  const { members, stack } = located;
  const sink = start(header);
  await forEachBlock(members, stack, (k0, decoded) => {
    for (const [b, slice] of decoded.entries()) sink(k0 + b, slice);
  });
  return header;
}
