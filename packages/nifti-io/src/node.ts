export type { WritableDatatype } from './io/encode-data';
export { inspectNifti, type NiftiSummary } from './io/inspect-nifti';
export { readNifti } from './io/read-nifti';
export { readNiftiHeader } from './io/read-nifti-header';
export { readNiftiPreprocessed } from './io/read-preprocessed';
export { writeNifti } from './io/write-nifti';
