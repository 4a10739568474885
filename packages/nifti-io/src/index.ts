export { CtFractureError } from './errors/ct-fracture-error';
export { NiftiError, type NiftiErrorCode } from './errors/nifti-error';
export { isGzip } from './gzip';
