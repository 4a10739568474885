export { DicomError } from './errors/dicom-error';
export { listDicomSeries } from './list-dicom-series';

export { readDicomSeries } from './read-dicom-series';
export { readDicomSeriesHeader } from './read-dicom-series-header';
export { readDicomSeriesSlices } from './read-dicom-series-slices';

export type { DicomSeriesSummary } from './series/series-summary';

export { encodeDicomSeries } from './write/encode-series';
