export { DicomError, type DicomErrorCode, type DicomErrorOptions } from './errors/dicom-error';
export { type DicomListing, listDicomSeries } from './list-dicom-series';
export type { SkippedFile } from './parse/dicom-image-file';

export type { StoredSamples } from './pixels/decode-frame';
export {
  type DicomSeries,
  type ReadDicomSeriesOptions,
  readDicomSeries,
} from './read-dicom-series';
export { readDicomSeriesHeader } from './read-dicom-series-header';
export {
  type DicomSlice,
  type DicomSliceSink,
  readDicomSeriesSlices,
} from './read-dicom-series-slices';
export type { DicomInput } from './series/dicom-input';
export type { DicomSeriesHeader } from './series/locate-series';
export type { DicomSeriesSummary, StoredDatatype } from './series/series-summary';
export type { StackOptions } from './series/stack-slices';
export type { Mat4, Vec3, Volume } from './volume';
export {
  type EncodeDicomSeriesOptions,
  type EncodedFile,
  encodeDicomSeries,
} from './write/encode-series';
