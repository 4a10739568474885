export type { WritableDatatype } from './io/encode-data';
export { type IntensityStats, inspectNifti, type NiftiSummary } from './io/inspect-nifti';
export { type NiftiImage, type ReadNiftiOptions, readNifti } from './io/read-nifti';
export { readNiftiHeader } from './io/read-nifti-header';
export { type ReadPreprocessedOptions, readNiftiPreprocessed } from './io/read-preprocessed';
export { type WriteNiftiOptions, writeNifti } from './io/write-nifti';
